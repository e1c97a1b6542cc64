using System;
using Amazon.Runtime;
using Xunit;

namespace CloudTrailGen.S3.Tests;

/// <summary>How the client is made from the options: the endpoint's rule.</summary>
// In the server's collection: the endpoint variables are the process's, which other tests there read.
[Collection(S3ServerCollection.Name)]
public sealed class CloudTrailS3ClientTests
{
    [Theory]
    [InlineData("127.0.0.1:9000")] // no scheme
    [InlineData("localhost")]
    [InlineData("ftp://127.0.0.1:9000")]
    [InlineData("s3://trail-logs")]
    [InlineData("http://")]
    [InlineData("")]
    [InlineData(" ")]
    public void An_endpoint_that_is_not_an_absolute_http_URL_is_refused_naming_it_and_what_to_give(string endpoint)
    {
        var error = Assert.Throws<ArgumentException>(() => new CloudTrailS3ClientOptions { EndpointUrl = endpoint });
        Assert.Equal($"The S3 endpoint URL '{endpoint}' is not an absolute http:// or https:// URL: give one such as http://127.0.0.1:9000.", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000")]
    [InlineData("https://s3.example.com/")]
    [InlineData("HTTP://localhost:4566")]
    public void An_absolute_http_or_https_endpoint_is_taken(string endpoint)
    {
        var options = new CloudTrailS3ClientOptions { EndpointUrl = endpoint, Credentials = new BasicAWSCredentials("id", "secret") };
        Assert.Equal(endpoint, options.EndpointUrl);
        using var client = CloudTrailS3Client.Create(options);
        Assert.Equal(new Uri(endpoint), new Uri(client.Config.ServiceURL));
    }

    [Theory]
    [InlineData(CloudTrailS3Client.S3EndpointVariable)]
    [InlineData(CloudTrailS3Client.EndpointVariable)]
    public void An_endpoint_variable_that_is_not_an_absolute_http_URL_is_refused_naming_the_variable(string variable)
    {
        string? s3 = Environment.GetEnvironmentVariable(CloudTrailS3Client.S3EndpointVariable), all = Environment.GetEnvironmentVariable(CloudTrailS3Client.EndpointVariable);
        Environment.SetEnvironmentVariable(CloudTrailS3Client.S3EndpointVariable, null);
        Environment.SetEnvironmentVariable(CloudTrailS3Client.EndpointVariable, null);
        Environment.SetEnvironmentVariable(variable, "localhost:4566");
        try
        {
            var error = Assert.Throws<ArgumentException>(() => CloudTrailS3Client.Create(new CloudTrailS3ClientOptions { Credentials = new BasicAWSCredentials("id", "secret") }));
            Assert.Equal($"{variable} 'localhost:4566' is not an absolute http:// or https:// URL: give one such as http://127.0.0.1:9000.", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CloudTrailS3Client.S3EndpointVariable, s3);
            Environment.SetEnvironmentVariable(CloudTrailS3Client.EndpointVariable, all);
        }
    }
}
