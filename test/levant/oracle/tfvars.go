// .tf var files as Levant 0.4 reads them (render.go parseTFVars): Terraform's configs.Parser
// LoadConfigFile, then hcl2shim.ConfigValueFromHCL2 on each variable's default. Terraform itself
// is not packaged in Debian, so this follows Terraform v0.13's configs/named_values.go
// (decodeVariableBlock) and configs/hcl2shim/values.go on top of Debian's HCL v2 and go-cty.
package main

import (
	"fmt"
	"math/big"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

var configFileSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "terraform"},
		{Type: "provider", LabelNames: []string{"name"}},
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
		{Type: "output", LabelNames: []string{"name"}},
		{Type: "module", LabelNames: []string{"name"}},
		{Type: "resource", LabelNames: []string{"type", "name"}},
		{Type: "data", LabelNames: []string{"type", "name"}},
	},
}

var variableBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "description"}, {Name: "default"}, {Name: "type"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "validation"}},
}

// Names reserved by Terraform's moduleBlockSchema (attributes, then block types).
var reservedVariableNames = []string{"source", "version", "count", "for_each", "depends_on", "providers", "lifecycle", "locals", "provider"}

func decodeVariableType(expr hcl.Expression) (cty.Type, hcl.Diagnostics) {
	switch hcl.ExprAsKeyword(expr) {
	case "list":
		return cty.List(cty.DynamicPseudoType), nil
	case "map":
		return cty.Map(cty.DynamicPseudoType), nil
	}
	if tmpl, ok := expr.(*hclsyntax.TemplateExpr); ok && len(tmpl.Parts) == 1 {
		if lit, ok := tmpl.Parts[0].(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String {
			switch lit.Val.AsString() {
			case "string":
				return cty.String, nil
			case "list":
				return cty.List(cty.DynamicPseudoType), nil
			case "map":
				return cty.Map(cty.DynamicPseudoType), nil
			}
			return cty.DynamicPseudoType, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid legacy variable type hint",
				Detail:  `The legacy variable type hint form, using a quoted string, allows only the values "string", "list", and "map". To provide a full type expression, remove the surrounding quotes and give the type expression directly.`,
				Subject: expr.Range().Ptr()}}
		}
	}
	return typeexpr.TypeConstraint(expr)
}

func decodeVariable(block *hcl.Block) (cty.Value, hcl.Diagnostics) {
	name := block.Labels[0]
	content, diags := block.Body.Content(variableBlockSchema)
	if !hclsyntax.ValidIdentifier(name) {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid variable name",
			Detail: "A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.", Subject: &block.LabelRanges[0]})
	}
	for _, reserved := range reservedVariableNames {
		if reserved == name {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid variable name",
				Detail: fmt.Sprintf("The variable name %q is reserved due to its special meaning inside module blocks.", name), Subject: &block.LabelRanges[0]})
		}
	}
	ty := cty.DynamicPseudoType
	if attr, ok := content.Attributes["type"]; ok {
		t, tyDiags := decodeVariableType(attr.Expr)
		diags = append(diags, tyDiags...)
		ty = t
	}
	val := cty.NilVal
	if attr, ok := content.Attributes["default"]; ok {
		v, valDiags := attr.Expr.Value(nil)
		diags = append(diags, valDiags...)
		converted, err := convert.Convert(v, ty)
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid default value for variable",
				Detail: fmt.Sprintf("This default value is not compatible with the variable's type constraint: %s.", err), Subject: attr.Expr.Range().Ptr()})
			converted = cty.DynamicVal
		}
		val = converted
	}
	return val, diags
}

// configValueFromHCL2 is Terraform's hcl2shim.ConfigValueFromHCL2 (MPL-2.0, HashiCorp).
func configValueFromHCL2(v cty.Value) interface{} {
	if !v.IsKnown() {
		return "74D93920-ED26-11E3-AC10-0800200C9A66"
	}
	if v.IsNull() {
		return nil
	}
	switch v.Type() {
	case cty.Bool:
		return v.True()
	case cty.String:
		return v.AsString()
	case cty.Number:
		bf := v.AsBigFloat()
		if i, acc := bf.Int64(); acc == big.Exact {
			return int(i)
		}
		f, _ := bf.Float64()
		return f
	}
	it := v.ElementIterator()
	switch {
	case v.Type().IsListType() || v.Type().IsSetType() || v.Type().IsTupleType():
		l := make([]interface{}, 0, v.LengthInt())
		for it.Next() {
			_, ev := it.Element()
			l = append(l, configValueFromHCL2(ev))
		}
		return l
	case v.Type().IsMapType() || v.Type().IsObjectType():
		l := make(map[string]interface{})
		for it.Next() {
			ek, ev := it.Element()
			cv := configValueFromHCL2(ev)
			if cv != nil {
				l[ek.AsString()] = cv
			}
		}
		return l
	default:
		panic(fmt.Errorf("can't convert %#v to config value", v))
	}
}

func parseTFVars(filename string, src []byte) (map[string]interface{}, error) {
	file, diags := hclparse.NewParser().ParseHCL(src, filename)
	if diags.HasErrors() {
		return nil, diags
	}
	content, contentDiags := file.Body.Content(configFileSchema)
	diags = append(diags, contentDiags...)
	variables := make(map[string]interface{})
	for _, block := range content.Blocks {
		if block.Type != "variable" {
			continue
		}
		val, varDiags := decodeVariable(block)
		diags = append(diags, varDiags...)
		variables[block.Labels[0]] = configValueFromHCL2(val)
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return variables, nil
}
