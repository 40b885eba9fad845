using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Reconciler.Hosting.Lambda;

/// <summary>
/// The error body the Runtime API expects for /error and /init/error. It never carries a stack trace: that goes to
/// the log, where it helps; in the response it would reach whoever invoked the function.
/// </summary>
/// <param name="ErrorType">Short machine-readable type, also sent as Lambda-Runtime-Function-Error-Type.</param>
/// <param name="ErrorMessage">What happened and what to do, for a person.</param>
internal sealed record LambdaError(string ErrorType, string ErrorMessage)
{
    /// <summary>The JSON body: <c>{"errorMessage": …, "errorType": …, "stackTrace": []}</c>.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("errorMessage", ErrorMessage);
            json.WriteString("errorType", ErrorType);
            json.WriteStartArray("stackTrace");
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
