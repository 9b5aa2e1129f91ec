"""Windows, item models, undo commands, dialogs and settings: the only layer that knows Qt
widgets."""
