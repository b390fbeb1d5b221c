"""Employers and products the grounding check knows by name, in lower case.

A capitalised name is found by its capital letters; these are also found written in
lower case ("at google", "moved to kafka"). Names that are ordinary English words in
lower case ("go", "react", "notion", "slack") are left out: they are still found when
capitalised mid-sentence.
"""

from __future__ import annotations

_COMPANIES = """google alphabet amazon aws microsoft apple facebook netflix stripe uber lyft
airbnb spotify shopify salesforce oracle ibm intel nvidia amd adobe twitter linkedin paypal
square block coinbase robinhood revolut monzo wise klarna adyen atlassian github gitlab
dropbox zoom twilio datadog snowflake databricks cloudflare mongodb elastic confluent hashicorp
palantir tesla spacex samsung sony siemens sap accenture deloitte kpmg pwc ey mckinsey
bain goodman jpmorgan barclays hsbc citi citigroup goldman morgan stanley deutsche booking
expedia tripadvisor zalando delivery hero deliveroo doordash instacart grubhub just eat
ocado tesco sainsbury's walmart target ebay etsy wayfair pinterest snap snapchat tiktok
bytedance tencent alibaba baidu huawei xiaomi yandex openai anthropic deepmind meta's
intuit workday servicenow zendesk hubspot asana trello figma canva miro airtable okta
auth0 plaid brex ramp rippling gusto deel remote.com vercel netlify heroku digitalocean
linode rackspace vmware redhat red hat canonical mozilla wikimedia bloomberg reuters
thomson accenture capgemini infosys wipro tcs cognizant ericsson nokia vodafone bt
skyscanner king rovio unity epic riot valve blizzard ubisoft ea nintendo"""
_PRODUCTS = """kafka kubernetes k8s postgres postgresql mysql mariadb sqlite redis memcached
elasticsearch opensearch cassandra dynamodb bigquery redshift snowflake spark hadoop flink
airflow dbt terraform ansible puppet chef jenkins circleci travis docker podman helm istio
envoy nginx haproxy rabbitmq sqs sns kinesis pubsub lambda ec2 s3 gcs azure gcp prometheus
grafana splunk sentry pagerduty opsgenie jira confluence typescript javascript python java
kotlin scala golang ruby rails django flask fastapi spring node.js nodejs deno graphql grpc
protobuf vue angular svelte next.js nextjs tailwind webpack vite pytorch tensorflow keras
pandas numpy scikit-learn jupyter tableau looker powerbi power bi salesforce sap hana
cobol fortran haskell elixir erlang clojure perl php laravel wordpress drupal magento
android ios xcode unreal"""
KNOWN_NAMES: frozenset[str] = frozenset((_COMPANIES + " " + _PRODUCTS).split())

# Other spellings of the same name: a source that says one vouches for the others.
ALIASES: dict[str, tuple[str, ...]] = {
    "postgres": ("postgresql",),
    "postgresql": ("postgres",),
    "k8s": ("kubernetes",),
    "kubernetes": ("k8s",),
    "golang": ("go",),
    "go": ("golang",),
    "aws": ("amazon web services",),
    "gcp": ("google cloud",),
    "node.js": ("node", "nodejs"),
    "nodejs": ("node.js", "node"),
    "js": ("javascript",),
    "ts": ("typescript",),
    "facebook": ("meta",),
    "meta": ("facebook",),
    "google": ("alphabet",),
}
