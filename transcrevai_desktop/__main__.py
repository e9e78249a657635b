from transcrevai_desktop.cli import main

raise SystemExit(main())
