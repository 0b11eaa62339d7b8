"""Staff administration (/admin): orderers, branches, contractors, account requests, audit."""
