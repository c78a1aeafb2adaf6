"""The HTTP layer: thin routes that parse, call the domain modules, and shape answers."""
