"""What every blueprint shares: config, extensions, security, i18n, errors."""
