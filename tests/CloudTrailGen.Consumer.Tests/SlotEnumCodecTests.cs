using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>
/// Enum members of service types are read through JsonCodec.SlotEnum (one codec type shared by
/// every enum): known values, other letter cases, unknown and escaped values, and values that are
/// not strings, read and written back.
/// </summary>
public class SlotEnumCodecTests
{
    private static My.Ct.Lambda.CreateFunctionEvent Read(string requestParameters) =>
        Assert.IsType<My.Ct.Lambda.CreateFunctionEvent>(Json.Read(
            "{\"eventSource\":\"lambda.amazonaws.com\",\"eventName\":\"CreateFunction20150331\",\"requestParameters\":" + requestParameters + "}"));

    [Fact]
    public void Known_values_in_any_letter_case_are_typed_and_written_as_read()
    {
        const string json = """{"runtime":"python3.12","packageType":"zip","architectures":["arm64"]}""";
        var request = Read(json).Request!;

        Assert.Equal(My.Ct.Lambda.Runtime.Python312, request.Runtime!.Value.Value);
        Assert.Equal("python3.12", request.Runtime.Value.Raw);
        Assert.True(request.PackageType!.Value == My.Ct.Lambda.PackageType.Zip);
        Assert.Equal("zip", request.PackageType.Value.Raw);
        Assert.Equal(My.Ct.Lambda.Architecture.Arm64, Assert.Single(request.Architectures!).Value);
        Assert.Equal(json, Json.WriteObject(request));
    }

    [Fact]
    public void Unknown_and_escaped_values_are_kept_with_their_text()
    {
        const string json = """{"runtime":"cobol85","packageType":"Z\u0069p"}""";
        var request = Read(json).Request!;

        Assert.False(request.Runtime!.Value.IsKnown);
        Assert.Equal(My.Ct.Lambda.Runtime.Unrecognized, request.Runtime.Value.Value);
        Assert.Equal("cobol85", request.Runtime.Value.Raw);
        Assert.Equal(My.Ct.Lambda.PackageType.Zip, request.PackageType!.Value.Value);
        Assert.Equal("Zip", request.PackageType.Value.Raw);
        Assert.Equal("""{"runtime":"cobol85","packageType":"Zip"}""", Json.WriteObject(request));
    }

    [Fact]
    public void A_value_that_is_not_a_string_is_kept_raw_and_written_back()
    {
        const string json = """{"runtime":{"name":"python3.12"},"packageType":7}""";
        var request = Read(json).Request!;

        Assert.Null(request.Runtime);
        Assert.Null(request.PackageType);
        Assert.True(request.TryGetRawValue("packageType", out var raw));
        Assert.Equal("7", raw.ToString());
        Assert.Equal(json, Json.WriteObject(request));
    }

    [Fact]
    public void A_value_set_by_the_application_is_written_in_its_catalog_spelling()
    {
        var request = new My.Ct.Lambda.CreateFunctionRequest { PackageType = My.Ct.Lambda.PackageType.Image };

        Assert.Equal("""{"packageType":"Image"}""", Json.WriteObject(request));
    }
}
