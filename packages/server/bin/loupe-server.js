#!/usr/bin/env node
// The `loupe-server` command: starts the server built in dist/ (configure with env vars).
import '../dist/main.js';
