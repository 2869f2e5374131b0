using System;
using System.Linq;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace PSDocker.Arguments
{
    /// <summary>Writes PowerShell values (hashtables, arrays, PSObjects, primitives) as JSON, for raw API escape hatches.</summary>
    internal static class PSJson
    {
        public static string Serialize(object? value)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                Write(writer, value, 0);
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }

        private static void Write(Utf8JsonWriter writer, object? value, int depth)
        {
            if (depth > 64)
            {
                throw new ArgumentException("The value nests too deeply to be sent as JSON.");
            }

            value = value is PSObject ps && !(ps.BaseObject is PSCustomObject) ? ps.BaseObject : value;
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    return;
                case string s:
                    writer.WriteStringValue(s);
                    return;
                case bool b:
                    writer.WriteBooleanValue(b);
                    return;
                case SwitchParameter sw:
                    writer.WriteBooleanValue(sw.IsPresent);
                    return;
                case int or long or short or byte or sbyte or ushort or uint:
                    writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    return;
                case ulong ul:
                    writer.WriteNumberValue(ul);
                    return;
                case float or double or decimal:
                    writer.WriteNumberValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                    return;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        writer.WritePropertyName(LanguagePrimitives.ConvertTo<string>(entry.Key));
                        Write(writer, entry.Value, depth + 1);
                    }

                    writer.WriteEndObject();
                    return;
                case PSObject custom:
                    writer.WriteStartObject();
                    foreach (var property in custom.Properties)
                    {
                        writer.WritePropertyName(property.Name);
                        Write(writer, property.Value, depth + 1);
                    }

                    writer.WriteEndObject();
                    return;
                case IEnumerable items:
                    writer.WriteStartArray();
                    foreach (var item in items)
                    {
                        Write(writer, item, depth + 1);
                    }

                    writer.WriteEndArray();
                    return;
                default:
                    writer.WriteStringValue(LanguagePrimitives.ConvertTo<string>(value));
                    return;
            }
        }

        /// <summary>
        /// A JSON value as PowerShell objects: objects become PSCustomObjects with one property per key, in order,
        /// arrays object[], numbers long (or double), so a script reaches any field as it reads ConvertFrom-Json's.
        /// </summary>
        public static object? ToPSObject(System.Text.Json.JsonElement element)
        {
            switch (element.ValueKind)
            {
                case System.Text.Json.JsonValueKind.Object:
                    var result = new System.Management.Automation.PSObject();
                    foreach (var property in element.EnumerateObject())
                    {
                        result.Properties.Add(new System.Management.Automation.PSNoteProperty(property.Name, ToPSObject(property.Value)));
                    }

                    return result;
                case System.Text.Json.JsonValueKind.Array:
                    return element.EnumerateArray().Select(ToPSObject).ToArray();
                case System.Text.Json.JsonValueKind.String:
                    return element.GetString();
                case System.Text.Json.JsonValueKind.Number:
                    return element.TryGetInt64(out var whole) ? whole : (object)element.GetDouble();
                case System.Text.Json.JsonValueKind.True:
                    return true;
                case System.Text.Json.JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }
    }
}
