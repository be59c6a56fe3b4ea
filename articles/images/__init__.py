"""The image library: upload policy, focal-point crops and responsive renditions."""
