namespace CloudTrailGen;

/// <summary>
/// The fields of a record that a <see cref="CloudTrailRecordView"/> finds while it frames the
/// record: the envelope's common string fields and the caller's identity. Read them with
/// <see cref="CloudTrailRecordView.GetUtf8"/> (no allocation) or <see cref="CloudTrailRecordView.GetString"/>.
/// </summary>
public enum CloudTrailRecordField
{
    /// <summary><c>eventSource</c>: the service host, such as <c>iam.amazonaws.com</c>.</summary>
    EventSource,

    /// <summary><c>eventName</c>.</summary>
    EventName,

    /// <summary><c>eventCategory</c>: Management, Data, Insight or NetworkActivity.</summary>
    EventCategory,

    /// <summary><c>eventType</c>, such as AwsApiCall.</summary>
    EventType,

    /// <summary><c>eventID</c>.</summary>
    EventId,

    /// <summary><c>errorCode</c>.</summary>
    ErrorCode,

    /// <summary><c>awsRegion</c>.</summary>
    AwsRegion,

    /// <summary><c>recipientAccountId</c>: the account whose log the record is in.</summary>
    RecipientAccountId,

    /// <summary><c>sourceIPAddress</c>.</summary>
    SourceIPAddress,

    /// <summary><c>userAgent</c>.</summary>
    UserAgent,

    /// <summary><c>userIdentity.type</c>, such as IAMUser or AssumedRole.</summary>
    UserIdentityType,

    /// <summary><c>userIdentity.arn</c>.</summary>
    UserIdentityArn,

    /// <summary><c>userIdentity.principalId</c>.</summary>
    UserIdentityPrincipalId,

    /// <summary><c>userIdentity.accountId</c>.</summary>
    UserIdentityAccountId,

    /// <summary><c>userIdentity.userName</c>.</summary>
    UserIdentityUserName,

    /// <summary><c>userIdentity.accessKeyId</c>.</summary>
    UserIdentityAccessKeyId,

    /// <summary><c>userIdentity.invokedBy</c>: the AWS service that made the call for the caller.</summary>
    UserIdentityInvokedBy,

    /// <summary><c>userIdentity.sessionContext.sessionIssuer.arn</c>: the role (or user) a session was issued for.</summary>
    SessionIssuerArn,

    /// <summary><c>userIdentity.sessionContext.sessionIssuer.userName</c>: the role's name.</summary>
    SessionIssuerUserName,

    /// <summary><c>userIdentity.sessionContext.sessionIssuer.principalId</c>: the role's id.</summary>
    SessionIssuerPrincipalId,
}
