// The reference renderer for the differential tests: Go's own text/template with Levant's
// settings ([[ ]] delimiters, missingkey=zero, Sprig's functions plus Levant's).
// Input on stdin: a JSON array of {"name", "template", "yaml"}; output: a JSON array of
// {"out", "err"}. Variables are decoded with gopkg.in/yaml.v2, as Levant does.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/Masterminds/sprig"
	yaml "gopkg.in/yaml.v2"
)

type testCase struct {
	Name     string `json:"name"`
	Template string `json:"template"`
	YAML     string `json:"yaml"`
}

type result struct {
	Out string  `json:"out"`
	Err *string `json:"err"`
}

func loop(ints ...int64) (<-chan int64, error) {
	var start, stop int64
	switch len(ints) {
	case 1:
		start, stop = 0, ints[0]
	case 2:
		start, stop = ints[0], ints[1]
	default:
		return nil, fmt.Errorf("loop: wrong number of arguments, expected 1 or 2"+", but got %d", len(ints))
	}
	ch := make(chan int64)
	go func() {
		for i := start; i < stop; i++ {
			ch <- i
		}
		close(ch)
	}()
	return ch, nil
}

func parseBool(s string) (bool, error) {
	if s == "" {
		return false, nil
	}
	return strconv.ParseBool(s)
}

func parseFloat(s string) (float64, error) {
	if s == "" {
		return 0.0, nil
	}
	return strconv.ParseFloat(s, 10)
}

func parseInt(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	return strconv.ParseInt(s, 10, 64)
}

func parseUint(s string) (uint64, error) {
	if s == "" {
		return 0, nil
	}
	return strconv.ParseUint(s, 10, 64)
}

func parseJSON(s string) (interface{}, error) {
	if s == "" {
		return map[string]interface{}{}, nil
	}
	var data interface{}
	if err := json.Unmarshal([]byte(s), &data); err != nil {
		return nil, err
	}
	return data, nil
}

func funcOnRune(inFunc func(rune) rune, inString string, runeIndex int) (string, error) {
	if !utf8.ValidString(inString) {
		return "", errors.New("funcOnRune: not a valid UTF-8 string")
	}
	runeCount := utf8.RuneCountInString(inString)
	if runeIndex > runeCount-1 || runeIndex < 0 {
		return "", fmt.Errorf("funcOnRune: runeIndex out of range (max:%v, provided:%v)", runeCount-1, runeIndex)
	}
	runes := []rune(inString)
	transformedRune := inFunc(runes[runeIndex])
	if runes[runeIndex] == transformedRune {
		return inString, nil
	}
	runes[runeIndex] = transformedRune
	return string(runes), nil
}

// arith reproduces Levant's reversed-argument maths helpers (add, subtract, multiply, divide, modulo).
func arith(name string, noFloat bool, ints func(a, b int64) int64, uints func(a, b uint64) uint64, floats func(a, b float64) float64) func(b, a interface{}) (interface{}, error) {
	return func(b, a interface{}) (interface{}, error) {
		av := reflect.ValueOf(a)
		bv := reflect.ValueOf(b)
		isInt := func(k reflect.Kind) bool { return k >= reflect.Int && k <= reflect.Int64 }
		isUint := func(k reflect.Kind) bool { return k >= reflect.Uint && k <= reflect.Uint64 }
		isFloat := func(k reflect.Kind) bool { return (k == reflect.Float32 || k == reflect.Float64) && !noFloat }
		known := func(k reflect.Kind) bool { return isInt(k) || isUint(k) || isFloat(k) }
		if !known(av.Kind()) {
			return nil, fmt.Errorf("%s: unknown type for %q (%T)", name, av, a)
		}
		if !known(bv.Kind()) {
			return nil, fmt.Errorf("%s: unknown type for %q (%T)", name, bv, b)
		}
		switch {
		case isFloat(av.Kind()) || isFloat(bv.Kind()):
			toF := func(v reflect.Value) float64 {
				switch {
				case isInt(v.Kind()):
					return float64(v.Int())
				case isUint(v.Kind()):
					return float64(v.Uint())
				}
				return v.Float()
			}
			return floats(toF(av), toF(bv)), nil
		case isUint(av.Kind()) && isUint(bv.Kind()):
			return uints(av.Uint(), bv.Uint()), nil
		default:
			toI := func(v reflect.Value) int64 {
				if isUint(v.Kind()) {
					return int64(v.Uint())
				}
				return v.Int()
			}
			return ints(toI(av), toI(bv)), nil
		}
	}
}

func funcMap() template.FuncMap {
	r := template.FuncMap{
		"env": func(s string) (string, error) {
			if s == "" {
				return "", nil
			}
			return os.Getenv(s), nil
		},
		"loop":       loop,
		"parseBool":  parseBool,
		"parseFloat": parseFloat,
		"parseInt":   parseInt,
		"parseJSON":  parseJSON,
		"parseUint":  parseUint,
		"replace": func(input, from, to string) string {
			return strings.Replace(input, from, to, -1)
		},
		"toLower": func(s string) (string, error) { return strings.ToLower(s), nil },
		"toUpper": func(s string) (string, error) { return strings.ToUpper(s), nil },
		"add": arith("add", false, func(a, b int64) int64 { return a + b },
			func(a, b uint64) uint64 { return a + b }, func(a, b float64) float64 { return a + b }),
		"subtract": arith("subtract", false, func(a, b int64) int64 { return a - b },
			func(a, b uint64) uint64 { return a - b }, func(a, b float64) float64 { return a - b }),
		"multiply": arith("multiply", false, func(a, b int64) int64 { return a * b },
			func(a, b uint64) uint64 { return a * b }, func(a, b float64) float64 { return a * b }),
		"divide": arith("divide", false, func(a, b int64) int64 { return a / b },
			func(a, b uint64) uint64 { return a / b }, func(a, b float64) float64 { return a / b }),
		"modulo": arith("modulo", true, func(a, b int64) int64 { return a % b },
			func(a, b uint64) uint64 { return a % b }, func(a, b float64) float64 { return 0 }),
		"firstRuneToUpper": func(s string) (string, error) { return funcOnRune(unicode.ToUpper, s, 0) },
		"firstRuneToLower": func(s string) (string, error) { return funcOnRune(unicode.ToLower, s, 0) },
		"runeToUpper":      func(s string, i int) (string, error) { return funcOnRune(unicode.ToUpper, s, i) },
		"runeToLower":      func(s string, i int) (string, error) { return funcOnRune(unicode.ToLower, s, i) },
	}
	for k, v := range sprig.TxtFuncMap() {
		if orig, ok := r[k]; ok {
			r["levant"+strings.ToUpper(k[:1])+k[1:]] = orig
		}
		r[k] = v
	}
	return r
}

func render(c testCase) result {
	tmpl, err := template.New(c.Name).Delims("[[", "]]").Option("missingkey=zero").Funcs(funcMap()).Parse(c.Template)
	if err != nil {
		msg := err.Error()
		return result{Err: &msg}
	}
	variables := make(map[string]interface{})
	if err := yaml.Unmarshal([]byte(c.YAML), &variables); err != nil {
		msg := "yaml: " + err.Error()
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
