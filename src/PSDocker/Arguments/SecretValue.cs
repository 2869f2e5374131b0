using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace PSDocker.Arguments
{
    /// <summary>
    /// The text of a SecureString, for the one request that must carry it (a secret's data, an unlock key): the
    /// unmanaged copy is zeroed at once, and nothing of it is ever written to a stream.
    /// </summary>
    internal static class SecretValue
    {
        public static byte[] Utf8(SecureString value)
        {
            var text = Text(value);
            try
            {
                return new UTF8Encoding(false).GetBytes(text);
            }
            finally
            {
                text = null;
            }
        }

        public static string Text(SecureString value)
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }

        public static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (var c in text)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }
    }
}
