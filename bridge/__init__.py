"""bridge: the form-to-git service, so that people without a git account can contribute (`make bridge`).

It imports the contributions' schemas, never the theme's internals; see README.md, "The form-to-git bridge"."""
