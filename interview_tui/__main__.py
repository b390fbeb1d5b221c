from interview_tui.cli import main

raise SystemExit(main())
