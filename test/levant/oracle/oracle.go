// The reference renderer for the differential tests: Go's own text/template with Levant 0.4's
// settings (template.go: [[ ]] delimiters, missingkey=zero) and function map (funcs.go: Levant's
// functions, then Sprig's on top, clashing Levant names kept as levantX), and Levant's var-file
// decoding (render.go: YAML through gopkg.in/yaml.v2, .json through encoding/json, .tf through
// HCL as Terraform's configs package reads `variable` blocks, see tfvars.go).
//
// Input on stdin: a JSON array of cases; output: a JSON array of {"out", "err"}.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"text/template"

	"github.com/Masterminds/sprig"
	yaml "gopkg.in/yaml.v2"
)

type testCase struct {
	Name     string `json:"name"`
	Template string `json:"template"`
	// Vars is a var file's text, decoded as VarsKind ("yaml" when empty, "json" or "tf").
	Vars     string `json:"vars"`
	VarsKind string `json:"varsKind"`
	// Delims overrides Levant's [[ ]] (Go's own test tables use {{ }}).
	Delims []string `json:"delims"`
}

type result struct {
	Out string  `json:"out"`
	Err *string `json:"err"`
}

// SprigVersion and sprigVersionFunc: verbatim from Levant's funcs.go (see levant_funcs.go).
const SprigVersion = "3.1.0"

func sprigVersionFunc() func(string) (string, error) {
	return func(_ string) (string, error) {
		return SprigVersion, nil
	}
}

func noConsul(name string) func(string) (string, error) {
	return func(string) (string, error) { return "", fmt.Errorf("%s: no Consul in the oracle", name) }
}

// funcMap is Levant's funcMap() without a Consul client or logger.
func funcMap() template.FuncMap {
	r := template.FuncMap{
		"consulKey":          noConsul("consulKey"),
		"consulKeyExists":    func(string) (bool, error) { return false, fmt.Errorf("consulKeyExists: no Consul in the oracle") },
		"consulKeyOrDefault": func(string, string) (string, error) { return "", fmt.Errorf("consulKeyOrDefault: no Consul in the oracle") },
		"env":                envFunc(),
		"fileContents":       fileContents(),
		"loop":               loop,
		"parseBool":          parseBool,
		"parseFloat":         parseFloat,
		"parseInt":           parseInt,
		"parseJSON":          parseJSON,
		"parseUint":          parseUint,
		"replace":            replace,
		"timeNow":            timeNowFunc,
		"timeNowUTC":         timeNowUTCFunc,
		"timeNowTimezone":    timeNowTimezoneFunc(),
		"toLower":            toLower,
		"toUpper":            toUpper,
		"add":                add,
		"subtract":           subtract,
		"multiply":           multiply,
		"divide":             divide,
		"modulo":             modulo,
		"firstRuneToUpper":   firstRuneToUpper,
		"firstRuneToLower":   firstRuneToLower,
		"runeToUpper":        runeToUpper,
		"runeToLower":        runeToLower,
		"spewDump":           spewDump,
		"spewPrintf":         spewPrintf,
	}
	for k, v := range sprig.TxtFuncMap() {
		if origFun, ok := r[k]; ok {
			if name, err := firstRuneToUpper(k); err == nil {
				r["levant"+name] = origFun
			}
		}
		r[k] = v
	}
	r["sprigVersion"] = sprigVersionFunc
	return r
}

func decodeVars(c testCase) (map[string]interface{}, error) {
	variables := make(map[string]interface{})
	switch c.VarsKind {
	case "", "yaml":
		if err := yaml.Unmarshal([]byte(c.Vars), &variables); err != nil {
			return nil, err
		}
	case "json":
		if err := json.Unmarshal([]byte(c.Vars), &variables); err != nil {
			return nil, err
		}
	case "tf":
		return parseTFVars(c.Name+".tf", []byte(c.Vars))
	default:
		return nil, fmt.Errorf("variables file extension .%v not supported", c.VarsKind)
	}
	return variables, nil
}

func render(c testCase) (res result) {
	defer func() {
		if p := recover(); p != nil {
			msg := fmt.Sprintf("panic: %v", p)
			res = result{Err: &msg}
		}
	}()
	left, right := "[[", "]]"
	if len(c.Delims) == 2 {
		left, right = c.Delims[0], c.Delims[1]
	}
	tmpl, err := template.New(c.Name).Delims(left, right).Option("missingkey=zero").Funcs(funcMap()).Funcs(oracleChecks()).Parse(c.Template)
	if err != nil {
		msg := err.Error()
		return result{Err: &msg}
	}
	variables, err := decodeVars(c)
	if err != nil {
		msg := err.Error()
		return result{Err: &msg}
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, variables); err != nil {
		msg := err.Error()
		return result{Out: buf.String(), Err: &msg}
	}
	return result{Out: buf.String()}
}

func main() {
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, "oracle: bad input:", err)
		os.Exit(2)
	}
	results := make([]result, len(cases))
	for i, c := range cases {
		results[i] = render(c)
	}
	out, _ := json.Marshal(results)
	os.Stdout.Write(out)
}
