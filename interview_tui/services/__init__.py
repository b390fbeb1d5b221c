"""The product's logic. Nothing in this package imports textual."""
