"""What every handler shares: AWS clients, the flow event accessor and reply, time, phone numbers."""
