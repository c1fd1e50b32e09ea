"""Order workflows: the steps that move purchase orders through their states (issue, hold,
cancel, complete) and the order status endpoints."""
