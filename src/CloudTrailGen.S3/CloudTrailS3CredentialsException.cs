using System;
using Amazon.Runtime;

namespace CloudTrailGen.S3;

/// <summary>
/// No credentials to sign S3 requests with: the profile asked for does not exist or has none, or
/// the SDK's default chain found none. The message says what was looked for and how to give them.
/// </summary>
public sealed class CloudTrailS3CredentialsException : AmazonClientException
{
    /// <summary>The exception, with its message.</summary>
    /// <param name="message">What is missing and how to give it.</param>
    public CloudTrailS3CredentialsException(string message)
        : base(message)
    {
    }

    /// <summary>The exception, with its message and the SDK's own exception.</summary>
    /// <param name="message">What is missing and how to give it.</param>
    /// <param name="innerException">The SDK's exception (for the default chain, one error per place it looked).</param>
    public CloudTrailS3CredentialsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
