"""The pure core: framework model, scoring engine, engagement types. No Qt, no SQL."""
