# An engine on plain tcp:// (a private dockerd on 127.0.0.1, no TLS): connections are kept between requests as
# on a Unix socket, hijacked streams (attach, exec with stdin) still work over them, and an engine that restarts
# behind a kept connection is noticed and the next call makes a new one.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $tcp = Start-PrivateDockerd -Folder (Join-Path $env:PSDOCKER_PESTER_TEMP 'tcp-engine') -TcpPort (Get-FreePort)
    $image = Get-TestImage
    & /bin/sh -c "docker -H '$env:PSDOCKER_PESTER_HOST' save '$image' | docker -H '$($tcp.TcpHost)' load -q" | Out-Null

    function Get-EngineConnection {
        # This process's established TCP connections to the engine's port (ss: one line per connection, after the header).
        @(& ss -Htn state established "( dport = :$($tcp.TcpPort) )" | Where-Object { $_ }).Count
    }
}

AfterAll {
    Stop-PrivateDockerd $tcp
}

Describe 'An engine on tcp:// without TLS' {
    It '1000 calls keep one connection open and the fd count flat' {
        Test-DockerConnection -DockerHost $tcp.TcpHost | Should -BeTrue
        $before = @(Get-ChildItem /proc/self/fd).Count
        for ($i = 0; $i -lt 1000; $i++) { Test-DockerConnection -DockerHost $tcp.TcpHost -ErrorAction Stop | Out-Null }
        Get-DockerVolume -DockerHost $tcp.TcpHost | Out-Null
        [GC]::Collect(); [GC]::WaitForPendingFinalizers()
        (@(Get-ChildItem /proc/self/fd).Count - $before) | Should -BeLessThan 5
        # Kept: the connection of the last request is still open (a connection per request would leave none).
        Get-EngineConnection | Should -BeGreaterOrEqual 1
        Get-EngineConnection | Should -BeLessOrEqual 8
    }

    It 'a run with piped input and an exec with stdin work over it (hijacked streams are not kept)' {
        Assert-StdinWorks -DockerHost $tcp.TcpHost -CliHost $tcp.Host
    }

    It 'logs come whole over it: 20,000 lines with stderr apart, and -Follow ends at Select-Object -First' {
        Assert-LogsComeWhole -DockerHost $tcp.TcpHost -CliHost $tcp.Host
    }

    It 'an engine restarted behind a kept connection: the next call makes a new one and answers' {
        Assert-RestartNoticed -Engine $tcp -DockerHost $tcp.TcpHost
    }
}
