using System;
using CloudTrailGen;
using My.Ct;
using Xunit;

namespace CloudTrailGen.Consumer.Tests;

/// <summary>
/// additionalEventData typed where the catalog describes it (sign-in events, Amazon S3, AWS KMS): what every
/// sign-in detection reads (MFAUsed, LoginTo, MobileVersion) without parsing JSON by hand.
/// </summary>
public class AdditionalEventDataTests
{
    private const string ConsoleLogin = """
        {"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333"},"eventTime":"2024-05-01T10:00:00Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1","sourceIPAddress":"192.0.2.1","userAgent":"Mozilla/5.0","requestParameters":null,"responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"LoginTo":"https://console.aws.amazon.com/console/home","MobileVersion":"No","MFAUsed":"No","NewKey":1},"eventID":"e1","readOnly":false,"eventType":"AwsConsoleSignIn","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}
        """;

    [Fact]
    public void A_console_sign_in_offers_its_additional_event_data_typed()
    {
        var login = Assert.IsType<My.Ct.SignIn.ConsoleLoginEvent>(Json.Read(ConsoleLogin));
        var data = login.AdditionalData;
        Assert.NotNull(data);
        Assert.Equal("No", data.MFAUsed);
        Assert.Equal("No", data.MobileVersion);
        Assert.Equal("https://console.aws.amazon.com/console/home", data.LoginTo);
        Assert.Same(data, login.AdditionalData); // read once
        Assert.Equal(My.Ct.SignIn.SignInResult.Success, login.Response!.ConsoleLogin!.Value.Value);
        // Keys the catalog does not list are kept, and the record writes back as it was read.
        Assert.True(data.TryGetRawValue("NewKey", out var newKey));
        Assert.Equal("1", newKey.ToString());
        Json.AssertRoundTrip(ConsoleLogin, login);
    }

    [Fact]
    public void The_view_follows_the_raw_value_and_is_null_without_one()
    {
        var login = Assert.IsType<My.Ct.SignIn.ConsoleLoginEvent>(Json.Read(ConsoleLogin));
        Assert.Equal("No", login.AdditionalData!.MFAUsed);
        login.AdditionalEventData = RawJson.Parse("""{"MFAUsed":"Yes","MFAIdentifier":"arn:aws:iam::111122223333:mfa/root"}""");
        Assert.Equal("Yes", login.AdditionalData!.MFAUsed);
        Assert.Equal("arn:aws:iam::111122223333:mfa/root", login.AdditionalData.MFAIdentifier);
        login.AdditionalEventData = null;
        Assert.Null(login.AdditionalData);
        login.AdditionalEventData = RawJson.Parse("\"not an object\"");
        Assert.Null(login.AdditionalData);
    }

    [Fact]
    public void An_S3_data_event_offers_its_bytes_transferred()
    {
        string json = """{"eventVersion":"1.09","eventSource":"s3.amazonaws.com","eventName":"GetObject","requestParameters":{"bucketName":"b","key":"k"},"additionalEventData":{"SignatureVersion":"SigV4","CipherSuite":"TLS_AES_128_GCM_SHA256","bytesTransferredIn":0,"bytesTransferredOut":4096,"AuthenticationMethod":"AuthHeader","x-amz-id-2":"id2"},"eventCategory":"Data"}""";
        var get = Assert.IsType<My.Ct.S3.GetObjectEvent>(Json.Read(json));
        Assert.Equal(4096, get.AdditionalData!.BytesTransferredOut);
        Assert.Equal(0, get.AdditionalData.BytesTransferredIn);
        Assert.Equal("AuthHeader", get.AdditionalData.AuthenticationMethod);
        Assert.Equal("id2", get.AdditionalData.XAmzId2);
        Json.AssertRoundTrip(json, get);
    }

    [Fact]
    public void KMS_cryptographic_operations_offer_the_key_material_they_used()
    {
        string generate = """{"eventVersion":"1.11","eventSource":"kms.amazonaws.com","eventName":"GenerateDataKey","requestParameters":{"keyId":"alias/app","keySpec":"AES_256"},"responseElements":null,"additionalEventData":{"keyMaterialId":"0f1e2d3c"},"eventCategory":"Management"}""";
        var data = Assert.IsType<My.Ct.Kms.GenerateDataKeyEvent>(Json.Read(generate));
        Assert.Equal("0f1e2d3c", data.AdditionalData!.KeyMaterialId);
        Json.AssertRoundTrip(generate, data);

        string reEncrypt = """{"eventVersion":"1.11","eventSource":"kms.amazonaws.com","eventName":"ReEncrypt","requestParameters":{"destinationKeyId":"alias/new"},"additionalEventData":{"sourceKeyMaterialId":"aa01","destinationKeyMaterialId":"bb02"}}""";
        var again = Assert.IsType<My.Ct.Kms.ReEncryptEvent>(Json.Read(reEncrypt));
        Assert.Equal("aa01", again.AdditionalData!.SourceKeyMaterialId);
        Assert.Equal("bb02", again.AdditionalData.DestinationKeyMaterialId);
        Assert.Null(again.AdditionalData.KeyMaterialId);
        Json.AssertRoundTrip(reEncrypt, again);

        // An attested request: the attestation document's facts, whatever their form, kept as JSON.
        string attested = """{"eventVersion":"1.11","eventSource":"kms.amazonaws.com","eventName":"Decrypt","additionalEventData":{"keyMaterialId":"cc03","recipient":{"attestationDocumentModuleId":"i-0abc-enc0123","attestationDocumentEnclavePCR0":"00ff"}}}""";
        var decrypt = Assert.IsType<My.Ct.Kms.DecryptEvent>(Json.Read(attested));
        Assert.Equal("cc03", decrypt.AdditionalData!.KeyMaterialId);
        Assert.Equal("i-0abc-enc0123", decrypt.AdditionalData.Recipient!.Value.ToJsonElement().GetProperty("attestationDocumentModuleId").GetString());
        Json.AssertRoundTrip(attested, decrypt);
    }
}
