"""Employers and products the grounding check knows by name, in lower case.

A capitalised name is found by its capital letters; these are also found written in
lower case ("at google", "moved to kafka"). Names that are ordinary English words in
lower case ("go", "react", "notion", "slack") are left out: they are still found when
capitalised mid-sentence.
"""

from __future__ import annotations

_COMPANIES = """google alphabet amazon aws microsoft apple facebook netflix stripe uber lyft
airbnb spotify shopify salesforce oracle ibm intel nvidia amd adobe twitter linkedin paypal
coinbase robinhood revolut monzo wise klarna adyen atlassian github gitlab
dropbox twilio datadog snowflake databricks cloudflare mongodb confluent hashicorp
palantir tesla spacex samsung sony siemens accenture deloitte kpmg pwc mckinsey
jpmorgan barclays hsbc citigroup goldman bloomberg
expedia tripadvisor zalando deliveroo doordash instacart grubhub
ocado tesco sainsbury's walmart ebay etsy wayfair pinterest snap snapchat tiktok
bytedance tencent alibaba baidu huawei xiaomi yandex openai anthropic deepmind
intuit workday servicenow zendesk hubspot asana trello figma canva airtable okta
auth0 rippling vercel netlify heroku digitalocean
linode rackspace vmware redhat mozilla wikimedia bloomberg reuters
capgemini infosys wipro cognizant ericsson nokia vodafone
skyscanner rovio blizzard ubisoft nintendo"""
_PRODUCTS = """kafka kubernetes k8s postgres postgresql mysql mariadb sqlite redis memcached
elasticsearch opensearch cassandra dynamodb bigquery redshift hadoop
airflow terraform ansible jenkins circleci travis docker podman helm istio
nginx haproxy rabbitmq kinesis ec2 azure gcp prometheus
grafana splunk sentry pagerduty opsgenie jira confluence typescript javascript python java
kotlin scala golang django flask fastapi node.js nodejs graphql grpc
protobuf angular svelte next.js nextjs tailwind webpack pytorch tensorflow keras
numpy scikit-learn jupyter tableau powerbi
cobol fortran haskell elixir erlang clojure php laravel wordpress drupal magento
android xcode"""
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
