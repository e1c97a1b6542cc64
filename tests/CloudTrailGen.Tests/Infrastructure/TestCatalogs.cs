namespace CloudTrailGen.Tests.Infrastructure;

/// <summary>Small catalogs written for the tests (not the real ones, so that a catalog edit does not change these tests).</summary>
internal static class TestCatalogs
{
    /// <summary>A minimal envelope: the dispatch members, a timestamp, a nested identity and an enum services can use.</summary>
    public const string Envelope = """
        {
          "format": 1,
          "kind": "envelope",
          "record": {
            "shape": "TrailRecord",
            "eventSource": "eventSource",
            "eventName": "eventName",
            "request": "requestParameters",
            "response": "responseElements"
          },
          "shapes": {
            "TrailRecord": {
              "doc": "A record of the test envelope.",
              "members": {
                "eventSource": "string",
                "eventName": "string",
                "eventTime": { "type": "timestamp", "doc": "When it happened." },
                "userIdentity": "Identity",
                "requestParameters": "json",
                "responseElements": "json"
              }
            },
            "Identity": {
              "members": {
                "type": "IdentityType",
                "arn": "string"
              }
            },
            "IdentityType": {
              "doc": "Kinds of caller.",
              "enum": ["IAMUser", "AssumedRole"]
            }
          }
        }
        """;

    /// <summary>
    /// A service with one event that has a request and a response, a nested shape, a list, a map,
    /// an enum with an alias, a timestamp, a redacted member, and references to envelope shapes;
    /// and a second, read-only event with an alias and no response.
    /// </summary>
    public const string Widgets = """
        {
          "format": 1,
          "service": "widgets",
          "title": "Widget Service",
          "eventSources": ["widgets.amazonaws.com"],
          "resourceTypes": ["AWS::Widgets::Widget"],
          "events": {
            "CreateWidget": {
              "doc": "Creates a widget.",
              "category": "Data",
              "readOnly": false,
              "resourceTypes": ["AWS::Widgets::Widget"],
              "request": {
                "name": "string",
                "size": "integer",
                "color": "Color",
                "spec": "WidgetSpec",
                "tags": "Tag[]",
                "labels": "map<string>",
                "notBefore": "timestamp",
                "secret": { "type": "string", "redacted": true, "doc": "A secret value." }
              },
              "response": {
                "widget": "Widget",
                "owner": "Identity",
                "ownerType": "IdentityType"
              }
            },
            "DescribeWidget": {
              "readOnly": true,
              "aliases": ["DescribeWidget20240101"],
              "request": { "widgetId": { "type": "string", "name": "Id" } }
            }
          },
          "shapes": {
            "Widget": {
              "doc": "A widget.",
              "members": {
                "widgetId": "string",
                "spec": "WidgetSpec",
                "createdAt": "timestamp"
              }
            },
            "WidgetSpec": {
              "members": {
                "weights": "double[]",
                "enabled": "boolean",
                "extra": "json",
                "dimensions": "map<integer[]>"
              }
            },
            "Tag": {
              "members": { "key": "string", "value": "string" }
            },
            "Color": {
              "enum": [
                "red",
                { "value": "dark-blue", "name": "DarkBlue", "aliases": ["navy"] }
              ]
            }
          }
        }
        """;

    /// <summary>A second, small service for tests that add one.</summary>
    public static string Simple(string id, string eventName = "DoThing") => $$"""
        {
          "format": 1,
          "service": "{{id}}",
          "eventSources": ["{{id}}.amazonaws.com"],
          "events": {
            "{{eventName}}": {
              "request": { "thingId": "string" },
              "response": { "ok": "boolean" }
            }
          }
        }
        """;
}
