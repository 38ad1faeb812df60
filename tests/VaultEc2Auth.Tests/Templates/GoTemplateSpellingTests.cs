using VaultEc2Auth.Templates;
using static VaultEc2Auth.Tests.Templates.TestInstance;

namespace VaultEc2Auth.Tests.Templates;

public sealed class GoTemplateSpellingTests
{
    [Theory]
    [InlineData("{{.FQDN}}", "{{ FQDN }}")]
    [InlineData("{{ .FQDN }}", "{{ FQDN }}")]
    [InlineData("{{- .FQDN -}}", "{{- FQDN -}}")]
    [InlineData("{{ .Tags.team }}", "{{ Tags.team }}")]
    [InlineData("""{{ .Tags["team"] }}""", """{{ Tags["team"] }}""")]
    [InlineData("{{ if .FQDN }}yes{{ end }}", "{{ if FQDN }}yes{{ end }}")]
    [InlineData("{{ .Region | string.upcase }}", "{{ Region | string.upcase }}")]
    [InlineData("{{ .AccountId }}:{{.Region}}:{{ .InstanceId }}", "{{ AccountId }}:{{ Region }}:{{ InstanceId }}")]
    [InlineData("{{ .Tags.team == \"payments\" && .Region }}", "{{ Tags.team == \"payments\" && Region }}")]
    [InlineData("{{ if false }}a{{ else if .FQDN }}b{{ end }}", "{{ if false }}a{{ else if FQDN }}b{{ end }}")]
    [InlineData("{{\n  x = .Region\n  .InstanceId + x\n}}", "{{\n  x = Region\n  InstanceId + x\n}}")]
    [InlineData("{{ (.Region) }}", "{{ (Region) }}")]
    public void Go_spelling_renders_the_same_as_scriban_spelling(string goSpelling, string scribanSpelling)
    {
        Assert.Equal(RenderText(scribanSpelling), RenderText(goSpelling));
    }

    [Theory]
    [InlineData("path \"a.b/.c\" {{ FQDN }}.")]
    [InlineData("{{ \".FQDN\" }}")]
    [InlineData("{{ Tags.team }}")]
    [InlineData("{{ x = 1.5 }}{{ x }}")]
    [InlineData("{{# .FQDN in a comment }}")]
    [InlineData("{%{ {{ .FQDN }} }%}")]
    public void Dots_that_are_not_a_go_root_reference_are_left_alone(string template)
    {
        Assert.Equal(template, GoTemplateSpelling.ToScriban(template));
    }

    [Fact]
    public void Rewrite_keeps_every_line_and_column()
    {
        var rewritten = GoTemplateSpelling.ToScriban("{{.FQDN}}\n  {{ .Tags.team }}");

        Assert.Equal("{{ FQDN}}\n  {{  Tags.team }}", rewritten);
    }

    [Fact]
    public void Error_after_a_go_reference_is_reported_at_the_column_the_operator_wrote()
    {
        var problems = Validate(Policy("x-{{ InstanceHash }}", "{{ .FQDN }} {{ nope( }}"));

        // Column 22 is the "}}" that ends the broken call, counted in the text as written.
        Assert.NotEmpty(problems);
        Assert.All(problems, problem => Assert.Equal(("template", 1, 22), (problem.Field, problem.Line, problem.Column)));
    }
}
