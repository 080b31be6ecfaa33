"""Optional grammar backends that call a server the user configured; imported only when selected."""
