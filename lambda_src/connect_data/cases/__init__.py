"""Amazon Connect Cases: event-stream provisioning, the case event consumer and the TASK/CHAT flow function."""
