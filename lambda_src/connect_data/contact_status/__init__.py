"""Contact status: one always-current item per contact, from contact events and flow logs."""
