# An engine on tcp:// with TLS (a private dockerd on 127.0.0.1 with --tlsverify and certificates made for this run):
# connections are kept between requests with their TLS session, as on plain tcp:// and Unix sockets; hijacked
# streams still work over them; a kept connection serves only the session whose certificates made it; and an engine
# that restarts behind a kept connection is noticed and the next call makes a new one.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $certs = New-TestCertificate -Folder (Join-Path $env:PSDOCKER_PESTER_TEMP 'tls-certs')
    $tls = Start-PrivateDockerd -Folder (Join-Path $env:PSDOCKER_PESTER_TEMP 'tls-engine') -TcpPort (Get-FreePort) -TlsFolder $certs.Server
    $image = Get-TestImage
    & /bin/sh -c "docker -H '$env:PSDOCKER_PESTER_HOST' save '$image' | docker -H '$($tls.Host)' load -q" | Out-Null
    $savedTls = $env:DOCKER_TLS_VERIFY, $env:DOCKER_CERT_PATH

    function Use-TlsMaterial([string] $Folder) {
        # As a user sets them for the docker CLI; each call below names the TLS port with -DockerHost.
        $env:DOCKER_TLS_VERIFY, $env:DOCKER_CERT_PATH = '1', $Folder
    }

    function Get-EngineConnection {
        # This process's established TCP connections to the engine's TLS port (ss: one line per connection).
        @(& ss -Htn state established "( dport = :$($tls.TcpPort) )" | Where-Object { $_ }).Count
    }
}

AfterAll {
    $env:DOCKER_TLS_VERIFY, $env:DOCKER_CERT_PATH = $savedTls
    if ($tls) { Stop-PrivateDockerd $tls }
}

Describe 'An engine on tcp:// with TLS' {
    AfterEach {
        $env:DOCKER_TLS_VERIFY, $env:DOCKER_CERT_PATH = $savedTls
    }

    It '1000 calls keep one connection (one TLS session) open and the fd count flat' {
        Use-TlsMaterial $certs.Good
        $first = Test-DockerConnection -DockerHost $tls.TcpHost -Detailed
        $first.Success | Should -BeTrue
        $first.Tls | Should -BeTrue
        $before = @(Get-ChildItem /proc/self/fd).Count
        for ($i = 0; $i -lt 1000; $i++) { Test-DockerConnection -DockerHost $tls.TcpHost -ErrorAction Stop | Out-Null }
        @(Get-DockerContainer -All -DockerHost $tls.TcpHost -ErrorAction Stop).Count | Should -Be 0
        [GC]::Collect(); [GC]::WaitForPendingFinalizers()
        (@(Get-ChildItem /proc/self/fd).Count - $before) | Should -BeLessThan 5
        # Kept: the connection of the last request is still open (a connection per request would leave none).
        Get-EngineConnection | Should -BeGreaterOrEqual 1
        Get-EngineConnection | Should -BeLessOrEqual 8
    }

    It 'a run with piped input and an exec with stdin work over it (stdin ends with the input)' {
        Use-TlsMaterial $certs.Good
        Assert-StdinWorks -DockerHost $tls.TcpHost -CliHost $tls.Host
        # The calls after the hijacked streams still answer on kept connections.
        Get-EngineConnection | Should -BeLessOrEqual 8
    }

    It 'a kept connection is never lent to other certificates: a wrong CA is refused, and no client certificate too, after good calls' {
        Use-TlsMaterial $certs.Good
        Get-DockerVersion -DockerHost $tls.TcpHost -ErrorAction Stop | Out-Null
        Get-EngineConnection | Should -BeGreaterOrEqual 1

        Use-TlsMaterial $certs.WrongCa
        $wrong = { Get-DockerVersion -DockerHost $tls.TcpHost -ErrorAction Stop } | Should -Throw -PassThru
        $wrong.FullyQualifiedErrorId | Should -BeLike 'DockerTlsVerifyFailed,*'
        $wrong.CategoryInfo.Category | Should -Be 'SecurityError'
        $wrong.TargetObject | Should -Be $tls.TcpHost
        $wrong.Exception.Message | Should -BeLike "*$($certs.WrongCa)*"

        Use-TlsMaterial $certs.CaOnly
        $none = { Get-DockerContainer -All -DockerHost $tls.TcpHost -ErrorAction Stop } | Should -Throw -PassThru
        $none.FullyQualifiedErrorId | Should -BeLike 'DockerTlsClientCertificateRequired,*'
        $none.Exception.Message | Should -BeLike '*cert.pem and key.pem*'

        # And the good material still answers on its own connections.
        Use-TlsMaterial $certs.Good
        (Test-DockerConnection -DockerHost $tls.TcpHost -Detailed).Success | Should -BeTrue
    }

    It 'logs come whole over it: 20,000 lines with stderr apart, and -Follow ends at Select-Object -First' {
        Use-TlsMaterial $certs.Good
        Assert-LogsComeWhole -DockerHost $tls.TcpHost -CliHost $tls.Host
    }

    It 'an engine restarted behind a kept TLS connection: the next call makes a new one and answers' {
        Use-TlsMaterial $certs.Good
        Test-DockerConnection -DockerHost $tls.TcpHost | Should -BeTrue
        Get-EngineConnection | Should -BeGreaterOrEqual 1
        Assert-RestartNoticed -Engine $tls -DockerHost $tls.TcpHost
    }
}
