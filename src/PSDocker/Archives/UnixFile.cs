using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace PSDocker.Archives
{
    /// <summary>
    /// Unix permission bits and symbolic links of local files. The APIs for them (FileSystemInfo.UnixFileMode,
    /// LinkTarget, File.CreateSymbolicLink) arrived in .NET 6 and 7, after netstandard2.0: they are found by
    /// reflection, so PowerShell 7 uses them and Windows PowerShell 5.1 falls back to plain defaults.
    /// </summary>
    internal static class UnixFile
    {
        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        private static readonly PropertyInfo? ModeProperty = IsWindows ? null : typeof(FileSystemInfo).GetProperty("UnixFileMode");
        private static readonly PropertyInfo? LinkTargetProperty = typeof(FileSystemInfo).GetProperty("LinkTarget");
        private static readonly MethodInfo? CreateLink = typeof(File).GetMethod("CreateSymbolicLink", new[] { typeof(string), typeof(string) });
        private static readonly MethodInfo? CreateDirectoryLink = typeof(Directory).GetMethod("CreateSymbolicLink", new[] { typeof(string), typeof(string) });

        /// <summary>The permission bits (07777) of a file or folder; 0755 for folders and 0644 for files where the platform has none.</summary>
        public static int GetMode(FileSystemInfo item)
        {
            if (ModeProperty != null)
            {
                try
                {
                    return Convert.ToInt32(ModeProperty.GetValue(item), System.Globalization.CultureInfo.InvariantCulture) & 0xFFF;
                }
                catch (TargetInvocationException e) when (e.InnerException is IOException || e.InnerException is UnauthorizedAccessException)
                {
                    // Fall through to the defaults: the copy reports the read failure itself.
                }
            }

            return item is DirectoryInfo ? Convert.ToInt32("755", 8) : Convert.ToInt32("644", 8);
        }

        /// <summary>Sets the permission bits where the platform has them; a no-op elsewhere.</summary>
        public static void SetMode(FileSystemInfo item, int mode)
        {
            if (ModeProperty is null)
            {
                return;
            }

            try
            {
                ModeProperty.SetValue(item, Enum.ToObject(ModeProperty.PropertyType, mode & 0xFFF));
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }

        /// <summary>The target of a symbolic link, or null for anything else (and where links cannot be read).</summary>
        public static string? GetLinkTarget(FileSystemInfo item)
        {
            if (LinkTargetProperty is null || (item.Attributes & FileAttributes.ReparsePoint) == 0)
            {
                return null;
            }

            return LinkTargetProperty.GetValue(item) as string;
        }

        /// <summary>Creates a symbolic link; false where the platform cannot.</summary>
        public static bool TryCreateSymbolicLink(string path, string target, bool toDirectory)
        {
            var create = toDirectory && IsWindows ? CreateDirectoryLink : CreateLink;
            if (create is null)
            {
                return false;
            }

            try
            {
                create.Invoke(null, new object[] { path, target });
                return true;
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                return false; // not reached
            }
        }

        /// <summary>ls -l's mode string for Go's os.FileMode bits as the engine reports them, e.g. drwxr-xr-x.</summary>
        public static string FormatGoMode(uint mode)
        {
            const uint Dir = 1u << 31, Symlink = 1u << 27, SetUid = 1u << 23, SetGid = 1u << 22, Sticky = 1u << 20;
            var chars = new char[10];
            chars[0] = (mode & Dir) != 0 ? 'd' : (mode & Symlink) != 0 ? 'l' : '-';
            const string rwx = "rwxrwxrwx";
            for (var i = 0; i < 9; i++)
            {
                chars[i + 1] = (mode & (1u << (8 - i))) != 0 ? rwx[i] : '-';
            }

            if ((mode & SetUid) != 0) chars[3] = chars[3] == 'x' ? 's' : 'S';
            if ((mode & SetGid) != 0) chars[6] = chars[6] == 'x' ? 's' : 'S';
            if ((mode & Sticky) != 0) chars[9] = chars[9] == 'x' ? 't' : 'T';
            return new string(chars);
        }

        public static bool IsGoDirectory(uint mode) => (mode & (1u << 31)) != 0;

        public static bool IsGoSymlink(uint mode) => (mode & (1u << 27)) != 0;
    }
}
