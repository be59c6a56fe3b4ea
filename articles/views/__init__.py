"""Reader pages, one module per family: front, stories, listings, search, editorial.

Views choose a loading plan, a template and the context; what a page shows is decided
in the modules below them (lineup, related, subjects, search), and keeping it is the
cache's business (articles.cache)."""
