/** .tf and .json var files as Levant 0.4 decodes them (Terraform's configs package, encoding/json). */
export const TF_FILES: { name: string; vars: string; anyError?: true }[] = [
  {
    name: 'literals',
    vars: 'variable "s" { default = "cern" }\nvariable "i" { default = 3 }\nvariable "f" { default = 1.5 }\nvariable "w" { default = 1.0 }\nvariable "e" { default = 1e3 }\nvariable "b" { default = true }\nvariable "n" { default = null }\nvariable "none" {}\n',
  },
  {
    name: 'collections',
    vars: 'variable "l" { default = [1, "a", true, null] }\nvariable "m" {\n  default = {\n    cpu = 100\n    "mem" = 2.5\n    tags = ["x"]\n  }\n}\n',
  },
  {
    name: 'strings and heredocs',
    vars: 'variable "esc" { default = "tab\\t\\"q\\" \\u00e9" }\nvariable "h" {\n  default = <<EOT\nline1\n  line2\nEOT\n}\nvariable "hi" {\n  default = <<-EOT\n    a\n      b\n    EOT\n}\n',
  },
  {
    name: 'descriptions and types',
    vars: 'variable "a" {\n  description = "the a"\n  type = string\n  default = 3\n}\nvariable "b" {\n  type = number\n  default = "42"\n}\nvariable "c" {\n  type = bool\n  default = "true"\n}\nvariable "d" {\n  type = string\n  default = true\n}\nvariable "e" {\n  type = "string"\n  default = 1.5\n}\n',
  },
  { name: 'a reserved name', vars: 'variable "count" { default = 3 }\n' },
  { name: 'two reserved names', vars: 'variable "count" {\n  default = 3\n}\nvariable "source" { default = 1 }\n' },
  { name: 'a bad name', vars: 'variable "1abc" { default = 1 }\n' },
  { name: 'an unknown argument', vars: 'variable "a" {\n  typo = 1\n}\n' },
  { name: 'an unknown argument far from any', vars: 'variable "a" {\n  sensitive = true\n}\n' },
  { name: 'a default that is not a number', vars: 'variable "a" {\n  type = number\n  default = "x"\n}\n' },
  { name: 'a default that is not a bool', vars: 'variable "a" {\n  type = bool\n  default = "yes"\n}\n' },
  { name: 'comments', vars: '# hash\n// slashes\n/* block */\nvariable "a" {\n  default = 1 # trailing\n}\n' },
  { name: 'an unclosed block', vars: 'variable "a" {\n  default = 1\n', anyError: true },
];

export const JSON_FILES: { name: string; vars: string }[] = [
  { name: 'values', vars: '{"s": "x", "i": 3, "f": 1.5, "big": 12345678901234567890, "b": true, "n": null, "l": [1, "a"], "m": {"k": 1}}' },
  { name: 'a repeated key', vars: '{"a": 1, "a": 2}' },
  { name: 'null', vars: 'null' },
  { name: 'a list', vars: '[1, 2]' },
  { name: 'a string', vars: '"x"' },
  { name: 'trailing comma', vars: '{"a": 1,}' },
  { name: 'truncated', vars: '{"a": ' },
  { name: 'garbage after', vars: '{"a": 1} x' },
  { name: 'a huge number', vars: '{"a": 1e400}' },
  { name: 'escapes', vars: '{"a": "\\u00e9\\n\\ud800<>"}' },
];
