"""Rebuild the index: plan what changed, write a build beside the served one, switch to it."""
