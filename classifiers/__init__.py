"""Understanding a document: its route, its fields, its completeness."""
