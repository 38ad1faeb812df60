using static VaultEc2Auth.Tests.Templates.TestInstance;

namespace VaultEc2Auth.Tests.Templates;

public sealed class InstanceValueCheckTests
{
    [Theory]
    [InlineData("IP-10-1-2-3.ec2.internal")]
    [InlineData("-ip.ec2.internal")]
    [InlineData("ip-.ec2.internal")]
    [InlineData("ip..ec2.internal")]
    [InlineData("ip.ec2.internal.")]
    [InlineData("ip_10.ec2.internal")]
    [InlineData("ip.ec2.internal\n")]
    [InlineData("ip\".ec2.internal")]
    [InlineData("host name.internal")]
    public void Fqdn_that_is_not_a_lowercase_dns_name_is_denied_when_read(string fqdn)
    {
        var refusal = Refusal(Variables() with { Fqdn = fqdn }, Policy("{{ InstanceHash }}", "{{ FQDN }}"));

        Assert.Equal("FQDN of this instance does not match its expected pattern", refusal.Message);
    }

    [Fact]
    public void Fqdn_label_longer_than_63_or_name_longer_than_253_is_denied()
    {
        var longLabel = new string('a', 64) + ".internal";
        var longName = string.Join('.', Enumerable.Repeat(new string('a', 63), 4));

        Refusal(Variables() with { Fqdn = longLabel }, Policy("{{ InstanceHash }}", "{{ FQDN }}"));
        Refusal(Variables() with { Fqdn = longName }, Policy("{{ InstanceHash }}", "{{ FQDN }}"));
        Assert.Equal(new string('a', 63) + ".internal",
            RenderText("{{ FQDN }}", Variables() with { Fqdn = new string('a', 63) + ".internal" }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Missing_fqdn_is_denied_when_read(string? fqdn)
    {
        var refusal = Refusal(Variables() with { Fqdn = fqdn }, Policy("{{ InstanceHash }}", "{{ FQDN }}"));

        Assert.Equal("a template reads FQDN, which this instance does not have", refusal.Message);
    }

    [Fact]
    public void Invalid_values_are_not_checked_when_no_template_reads_them()
    {
        var variables = Variables(new Dictionary<string, string> { ["evil"] = "\"}\n${x}" }) with
        {
            Fqdn = null,
            InternalIPv4 = "not an address",
        };

        Assert.Equal(Hash, RenderText("{{ InstanceHash }}", variables));
    }

    [Theory]
    [InlineData("InternalIPv4", "10.1.2")]
    [InlineData("InternalIPv4", "10.1.2.256")]
    [InlineData("InternalIPv4", "010.1.2.3")]
    [InlineData("InternalIPv4", "10.1.2.3\n")]
    [InlineData("InstanceId", "i-0123")]
    [InlineData("InstanceId", "i-0123456789ABCDEF0")]
    [InlineData("ImageId", "ami-xyz12345")]
    [InlineData("AccountId", "12345678901")]
    [InlineData("Region", "eu-central")]
    [InlineData("Region", "EU-central-1")]
    [InlineData("AvailabilityZone", "eu-central-1b\"")]
    [InlineData("InstanceType", "m5 large")]
    [InlineData("RoleName", "web/../x")]
    [InlineData("IamRoleArn", "arn:aws:iam::123456789012:user/x")]
    [InlineData("IamRoleName", "web\"server")]
    [InlineData("BasePath", "../sys")]
    [InlineData("InstanceHash", "ABC")]
    public void Value_that_fails_its_pattern_is_denied_without_echoing_it(string variable, string value)
    {
        var variables = variable switch
        {
            "InternalIPv4" => Variables() with { InternalIPv4 = value },
            "InstanceId" => Variables() with { InstanceId = value },
            "ImageId" => Variables() with { ImageId = value },
            "AccountId" => Variables() with { AccountId = value },
            "Region" => Variables() with { Region = value },
            "AvailabilityZone" => Variables() with { AvailabilityZone = value },
            "InstanceType" => Variables() with { InstanceType = value },
            "RoleName" => Variables() with { RoleName = value },
            "IamRoleArn" => Variables() with { IamRoleArn = value },
            "IamRoleName" => Variables() with { IamRoleName = value },
            "BasePath" => Variables() with { BasePath = value },
            _ => Variables() with { InstanceHash = value },
        };

        var refusal = Refusal(variables, Policy("static-{{ InstanceId | string.size }}", $"{{{{ {variable} }}}}"));

        Assert.Contains(variable, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value.Trim(), refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\"b")]
    [InlineData("line\nbreak")]
    [InlineData("brace}")]
    [InlineData("${x}")]
    [InlineData("star*")]
    [InlineData("comma,")]
    [InlineData("tab\t")]
    public void Tag_value_outside_aws_tag_characters_is_denied_without_echoing_it(string value)
    {
        var refusal = Refusal(WithTag("team", value), Policy("{{ InstanceHash }}", """{{ Tags["team"] }}"""));

        Assert.Equal("tag team holds characters outside AWS's tag character set", refusal.Message);
    }

    [Fact]
    public void Tag_value_longer_than_256_characters_is_denied()
    {
        var refusal = Refusal(WithTag("team", new string('a', 257)), Policy("{{ InstanceHash }}", "{{ Tags.team }}"));

        Assert.Equal("tag team is longer than 256 characters", refusal.Message);
        Assert.Equal(new string('a', 256), RenderText("{{ Tags.team }}", WithTag("team", new string('a', 256))));
    }

    [Theory]
    [InlineData("web 1")]
    [InlineData("a_b.c:d/e=f+g-h@i")]
    [InlineData("Zürich 東京 42")]
    [InlineData("")]
    public void Tag_value_inside_aws_tag_characters_renders(string value)
    {
        Assert.Equal($"[{value}]", RenderText("[{{ Tags.team }}]", WithTag("team", value)));
    }

    [Fact]
    public void Tag_key_chosen_by_the_instance_is_not_echoed_when_its_value_is_denied()
    {
        var refusal = Refusal(WithTag("bad\"key", "x\"y"), Policy("{{ InstanceHash }}", """{{ Tags["bad\"key"] }}"""));

        Assert.DoesNotContain("bad\"key", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Listing_tag_keys_is_denied_when_a_key_is_outside_aws_tag_characters()
    {
        var refusal = Refusal(WithTag("evil\"} key", "x"),
            Policy("{{ InstanceHash }}", "{{ for key in Tags | object.keys }}{{ key }}{{ end }}"));

        Assert.Equal("a tag key holds characters outside AWS's tag character set", refusal.Message);
    }

    [Fact]
    public void Listing_tag_values_checks_every_value()
    {
        Refusal(Variables(new Dictionary<string, string> { ["a"] = "ok", ["b"] = "\"" }),
            Policy("{{ InstanceHash }}", "{{ Tags | object.values }}"));
    }

    [Fact]
    public void Templates_cannot_change_tags()
    {
        var refusal = Refusal(Variables(), Policy("{{ InstanceHash }}", """{{ Tags.team = "admins" }}{{ Tags.team }}"""));

        Assert.Equal("template policy cannot be rendered for this instance (template, line 1, column 9)", refusal.Message);
    }

    [Fact]
    public void One_failing_template_aborts_the_whole_render()
    {
        var variables = Variables() with { Fqdn = null };

        Refusal(variables,
            Policy("{{ InstanceHash }}", "path \"a\" { capabilities = [\"read\"] }", "first"),
            Generic("roles/{{ InstanceHash }}", """{"allowed_domains": ["{{ FQDN }}"]}""", "second"));
    }
}
