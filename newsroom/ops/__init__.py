"""Operations: the outage page, health checks and structured request logs."""
