"""What an instance's operator runs: the demo and its sample data, backups and restore.
It sits above every domain app (it loads plans, KPIs, risks and carbon) so none of them
imports upward."""
