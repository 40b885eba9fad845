namespace Reconciler.Tests.Telemetry;

/// <summary>
/// The structure of a CloudWatch Embedded Metric Format line as a JSON Schema, written from the EMF specification
/// (root node, _aws metadata, MetricDirective, MetricDefinition). Kept in code because only the project's top-level
/// testdata folder is copied to the test output.
/// </summary>
internal static class EmfSchema
{
    public const string Text = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$comment": "Structure of a CloudWatch Embedded Metric Format log line, written from the EMF specification (root node, _aws metadata, MetricDirective, MetricDefinition).",
          "type": "object",
          "required": ["_aws"],
          "properties": {
            "_aws": {
              "type": "object",
              "required": ["Timestamp", "CloudWatchMetrics"],
              "properties": {
                "Timestamp": { "type": "integer", "minimum": 0 },
                "CloudWatchMetrics": {
                  "type": "array",
                  "minItems": 1,
                  "items": {
                    "type": "object",
                    "required": ["Namespace", "Dimensions", "Metrics"],
                    "properties": {
                      "Namespace": { "type": "string", "minLength": 1, "maxLength": 1024 },
                      "Dimensions": {
                        "type": "array",
                        "items": {
                          "type": "array",
                          "maxItems": 30,
                          "items": { "type": "string", "minLength": 1, "maxLength": 250 }
                        }
                      },
                      "Metrics": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": 100,
                        "items": {
                          "type": "object",
                          "required": ["Name"],
                          "properties": {
                            "Name": { "type": "string", "minLength": 1, "maxLength": 1024 },
                            "Unit": {
                              "enum": [
                                "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes",
                                "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count",
                                "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
                                "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second",
                                "Count/Second", "None"
                              ]
                            },
                            "StorageResolution": { "enum": [1, 60] }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """;
}
