"""The forms of the web pages, one module per domain as the views are."""
