using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using PSDocker.Connection;

namespace PSDocker.Arguments
{
    /// <summary>
    /// -Volume (docker run -v) and -Mount (docker run --mount, CSV or a dictionary) as the docker CLI reads them.
    /// Throws an InvalidArgument <see cref="DockerPSException"/> naming the bad value before any request.
    /// </summary>
    internal static class MountArgument
    {
        private static readonly Regex VolumeName = new Regex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$", RegexOptions.CultureInvariant);
        private static readonly string[] VolumeModes = { "ro", "rw", "z", "Z", "shared", "rshared", "slave", "rslave", "private", "rprivate", "nocopy", "consistent", "cached", "delegated" };

        /// <summary>-Volume: 'name:/path[:opts]', '/host/path:/path[:opts]', or '/path' (an anonymous volume).</summary>
        public static (List<string> Binds, Dictionary<string, EmptyStruct> Anonymous) Volumes(string[]? specs, Func<string, string>? resolvePath = null)
        {
            var binds = new List<string>();
            var anonymous = new Dictionary<string, EmptyStruct>(StringComparer.Ordinal);
            foreach (var spec in specs ?? Array.Empty<string>())
            {
                var text = spec.Trim();
                // A Windows drive letter (C:\data) belongs to the source, not a separator.
                var driveOffset = Regex.IsMatch(text, "^[a-zA-Z]:[\\\\/]") ? 2 : 0;
                var parts = new List<string>(text.Substring(driveOffset).Split(':'));
                parts[0] = text.Substring(0, driveOffset) + parts[0];

                if (parts.Count == 1)
                {
                    RequireAbsolute(parts[0], spec);
                    anonymous[parts[0]] = new EmptyStruct();
                    continue;
                }

                if (parts.Count > 3)
                {
                    throw ArgumentValue.Bad("InvalidVolumeSpec", "'" + spec + "' is not a valid volume: use name:/path[:ro] or /host/path:/path[:ro].", spec);
                }

                var source = parts[0];
                var destination = parts[1];
                if (source.Length == 0)
                {
                    throw ArgumentValue.Bad("InvalidVolumeSpec", "'" + spec + "' names no volume or host path.", spec);
                }

                var isPath = source.StartsWith("/", StringComparison.Ordinal) || source.StartsWith(".", StringComparison.Ordinal) || driveOffset > 0 || source.StartsWith("\\", StringComparison.Ordinal);
                if (!isPath && !VolumeName.IsMatch(source))
                {
                    throw ArgumentValue.Bad("InvalidVolumeSpec", "'" + spec + "': '" + source + "' is neither an absolute host path nor a valid volume name.", spec);
                }

                if (source.StartsWith(".", StringComparison.Ordinal))
                {
                    // Relative to PowerShell's current location, not the process's working folder.
                    source = resolvePath is null ? System.IO.Path.GetFullPath(source) : resolvePath(source);
                }

                RequireAbsolute(destination, spec);
                if (parts.Count == 3)
                {
                    foreach (var mode in parts[2].Split(','))
                    {
                        if (Array.IndexOf(VolumeModes, mode) < 0)
                        {
                            throw ArgumentValue.Bad("InvalidVolumeSpec", "'" + spec + "': unknown volume option '" + mode + "'.", spec);
                        }
                    }
                }

                binds.Add(source + ":" + destination + (parts.Count == 3 ? ":" + parts[2] : string.Empty));
            }

            return (binds, anonymous);
        }

        private static void RequireAbsolute(string path, string spec)
        {
            if (!path.StartsWith("/", StringComparison.Ordinal) && !Regex.IsMatch(path, "^[a-zA-Z]:[\\\\/]"))
            {
                throw ArgumentValue.Bad("InvalidVolumeSpec", "'" + spec + "': the path in the container must be absolute ('" + path + "' is not). Use name:/path or /host/path:/path, such as data:/var/lib/data.", spec);
            }
        }

        /// <summary>-Mount: docker's CSV ('type=bind,source=/x,target=/y,readonly') or a dictionary with the same keys.</summary>
        public static List<Mount> Mounts(object[]? specs)
        {
            var result = new List<Mount>();
            foreach (var raw in specs ?? Array.Empty<object>())
            {
                var item = ArgumentValue.Unwrap(raw);
                var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (item is IDictionary map)
                {
                    foreach (DictionaryEntry entry in map)
                    {
                        var v = ArgumentValue.Unwrap(entry.Value);
                        fields[LanguagePrimitives.ConvertTo<string>(entry.Key)] = v is bool b ? (b ? "true" : "false") : LanguagePrimitives.ConvertTo<string>(v);
                    }
                }
                else
                {
                    foreach (var part in LanguagePrimitives.ConvertTo<string>(item).Split(','))
                    {
                        var equals = part.IndexOf('=');
                        fields[(equals < 0 ? part : part.Substring(0, equals)).Trim()] = equals < 0 ? "true" : part.Substring(equals + 1).Trim();
                    }
                }

                string? Get(params string[] names)
                {
                    foreach (var name in names)
                    {
                        if (fields.TryGetValue(name, out var found))
                        {
                            return found;
                        }
                    }

                    return null;
                }

                var type = (Get("type") ?? "volume").ToLowerInvariant();
                if (type != "volume" && type != "bind" && type != "tmpfs" && type != "npipe")
                {
                    throw ArgumentValue.Bad("InvalidMountSpec", "Mount type '" + type + "' is not one of volume, bind, tmpfs, npipe.", raw);
                }

                var target = Get("target", "destination", "dst");
                if (string.IsNullOrEmpty(target))
                {
                    throw ArgumentValue.Bad("InvalidMountSpec", "A mount needs a target (the path in the container): add target=/path, such as type=volume,source=data,target=/data.", raw);
                }

                RequireAbsolute(target!, LanguagePrimitives.ConvertTo<string>(raw));
                var source = Get("source", "src");
                if (type == "bind" && string.IsNullOrEmpty(source))
                {
                    throw ArgumentValue.Bad("InvalidMountSpec", "A bind mount needs a source (the host path).", raw);
                }

                var known = new[] { "type", "source", "src", "target", "destination", "dst", "readonly", "ro", "consistency",
                    "bind-propagation", "volume-nocopy", "volume-driver", "tmpfs-size", "tmpfs-mode" };
                var unknown = fields.Keys.FirstOrDefault(k => Array.IndexOf(known, k.ToLowerInvariant()) < 0);
                if (unknown != null)
                {
                    throw ArgumentValue.Bad("InvalidMountSpec", "Unknown mount option '" + unknown + "': use " + string.Join(", ", known) + ".", raw);
                }

                var mount = new Mount
                {
                    Type = type,
                    Source = source,
                    Target = target,
                    ReadOnly = IsTrue(Get("readonly", "ro"), raw),
                    Consistency = Get("consistency"),
                };
                if (Get("bind-propagation") is string propagation)
                {
                    mount.BindOptions = new BindOptions { Propagation = propagation };
                }

                var noCopy = Get("volume-nocopy");
                var driver = Get("volume-driver");
                if (noCopy != null || driver != null)
                {
                    mount.VolumeOptions = new VolumeOptions { NoCopy = noCopy is null ? (bool?)null : IsTrue(noCopy, raw), DriverConfig = driver is null ? null : new Driver { Name = driver } };
                }

                var tmpfsSize = Get("tmpfs-size");
                var tmpfsMode = Get("tmpfs-mode");
                if (tmpfsSize != null || tmpfsMode != null)
                {
                    mount.TmpfsOptions = new TmpfsOptions
                    {
                        SizeBytes = tmpfsSize is null ? (long?)null : ContainerOptions.Memory(tmpfsSize),
                        Mode = tmpfsMode is null ? (uint?)null : ParseOctal(tmpfsMode, raw),
                    };
                }

                result.Add(mount);
            }

            return result;
        }

        private static bool IsTrue(string? value, object? raw)
        {
            if (value is null)
            {
                return false;
            }

            switch (value.Trim().ToLowerInvariant())
            {
                case "":
                case "true":
                case "1":
                    return true;
                case "false":
                case "0":
                    return false;
                default:
                    throw ArgumentValue.Bad("InvalidMountSpec", "'" + value + "' is not true or false.", raw);
            }
        }

        private static uint ParseOctal(string value, object? raw)
        {
            try
            {
                return Convert.ToUInt32(value.Trim(), 8);
            }
            catch (Exception e) when (e is FormatException || e is OverflowException || e is ArgumentException)
            {
                throw ArgumentValue.Bad("InvalidMountSpec", "'" + value + "' is not an octal file mode such as 1777.", raw);
            }
        }
    }
}
