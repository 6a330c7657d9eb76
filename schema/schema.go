// Package schema holds the JSON Schema of asyncgantt's scenario files,
// for editors: a YAML file starting with
//
//	# yaml-language-server: $schema=PATH/TO/scenario.schema.json
//
// gets completion, hover documentation and validation in any editor using
// the YAML language server (VS Code's YAML extension, Neovim, Helix...).
// The schema checks a file's shape; asyncgantt's own parser also checks
// what a schema cannot, such as that every awaited task is defined.
package schema

import _ "embed"

// JSON is the scenario file schema, JSON Schema draft 2020-12.
//
//go:embed scenario.schema.json
var JSON []byte

// URL is where the schema is published, as its $id says.
const URL = "https://raw.githubusercontent.com/asyncgantt/asyncgantt/main/schema/scenario.schema.json"
