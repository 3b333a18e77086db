#!/usr/bin/env node
// The published entry point is dist/bin.js; this committed shim lets the workspace link the
// command before the first build (a bin pointing into dist/ fails to link on a fresh install).
import "../dist/bin.js";
