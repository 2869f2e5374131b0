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
        $lines = 'one', 'two' | Invoke-DockerContainer $image -Interactive -Remove -DockerHost $tcp.TcpHost cat
        $lines | Should -Be 'one', 'two'
        $name = New-TestName 'tcpexec'
        try {
            Invoke-DockerContainer $image -Detach -Name $name -DockerHost $tcp.TcpHost sleep 300 | Out-Null
            'echo from-exec' | Enter-DockerContainer $name -DockerHost $tcp.TcpHost -- sh | Should -Be 'from-exec'
            (Get-DockerContainer $name -DockerHost $tcp.TcpHost).State | Should -Be 'running'
        }
        finally {
            & docker -H $tcp.TcpHost rm -f $name 2>$null | Out-Null
        }
    }

    It 'logs come whole over it: 20,000 lines with stderr apart, and -Follow ends at Select-Object -First' {
        $name = New-TestName 'logs'
        try {
            Invoke-DockerContainer $image -Name $name -DockerHost $tcp.TcpHost sh -c 'seq 1 20000; echo oops >&2' | Out-Null
            $lines = @(Get-DockerContainerLog $name -DockerHost $tcp.TcpHost -ErrorAction Stop)
            $lines.Count | Should -Be 20001
            # Each stream in order (the engine interleaves the two by time, so stderr's line need not be last).
            (@($lines | Where-Object Stream -eq 'stdout').Line -join ',') | Should -Be ((1..20000) -join ',')
            @($lines | Where-Object Stream -eq 'stderr').Line | Should -Be 'oops'
            $lines[0].Timestamp | Should -BeOfType [datetime]
            @(Get-DockerContainerLog $name -Follow -DockerHost $tcp.TcpHost | Select-Object -First 3).Line | Should -Be '1', '2', '3'
            # And the engine still answers on the connections kept beside it.
            (Get-DockerContainer $name -DockerHost $tcp.TcpHost).Name | Should -Be $name
        }
        finally {
            & docker -H $tcp.Host rm -f $name 2>$null | Out-Null
        }
    }

    It 'an engine restarted behind a kept connection: the next call makes a new one and answers' {
        Test-DockerConnection -DockerHost $tcp.TcpHost | Should -BeTrue
        & kill -KILL $tcp.Pid
        Restart-PrivateDockerd $tcp | Out-Null
        (Get-DockerVersion -DockerHost $tcp.TcpHost -ErrorAction Stop).DockerHost | Should -Be $tcp.TcpHost
    }
}
