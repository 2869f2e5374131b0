# Faults of the engine itself: an endpoint that takes the connection and never answers, a dockerd that stops
# (SIGSTOP) under a cached session and comes back. Each is a typed error in bounded time, never a hang, and
# streams that are meant to last are not cut by the request timeout.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $label = Get-TestLabel

    function New-StalledListener {
        <# A Unix socket that listens and never accepts: the kernel completes the connection and takes the
           request into its buffer, and no answer ever comes, like a hung dockerd. Returns Socket and Host. #>
        $path = Join-Path $env:PSDOCKER_PESTER_TEMP "stalled-$([guid]::NewGuid().ToString('n').Substring(0, 8)).sock"
        $socket = [System.Net.Sockets.Socket]::new([System.Net.Sockets.AddressFamily]::Unix, [System.Net.Sockets.SocketType]::Stream, [System.Net.Sockets.ProtocolType]::Unspecified)
        $socket.Bind([System.Net.Sockets.UnixDomainSocketEndPoint]::new($path))
        $socket.Listen(64)
        [pscustomobject] @{ Socket = $socket; Host = "unix://$path"; Path = $path }
    }

    function Remove-StalledListener($Listener) {
        $Listener.Socket.Dispose()
        Remove-Item $Listener.Path -ErrorAction Ignore
    }

    function Get-EnginePid {
        $file = Join-Path $env:PSDOCKER_PESTER_TEMP 'dockerd.pid'
        if (Test-Path $file) { [int](Get-Content $file -Raw).Trim() }
    }

    function Invoke-Caught([scriptblock] $Script) {
        <# Runs -Script; returns its ErrorRecord (or $null) and how long it took. #>
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $record = $null
        try { & $Script | Out-Null } catch { $record = $_ }
        [pscustomobject] @{ Error = $record; Seconds = $watch.Elapsed.TotalSeconds }
    }
}

AfterAll {
    Remove-Variable PSDockerRequestTimeoutSec -Scope Global -ErrorAction Ignore
    Remove-TestObject
}

Describe 'An endpoint that takes the connection and never answers' {
    BeforeAll { $stalled = New-StalledListener }
    AfterAll { Remove-StalledListener $stalled }

    It 'Test-DockerConnection returns $false within its default timeout instead of throwing' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $result = Test-DockerConnection -DockerHost $stalled.Host
        $elapsed = $watch.Elapsed.TotalSeconds
        $result | Should -BeFalse
        # 5 s is the default; the guard only tells a returned answer from the old 100 s hang.
        $elapsed | Should -BeGreaterOrEqual 4.5
        $elapsed | Should -BeLessThan 30
    }

    It 'Test-DockerConnection -Detailed says DockerEngineTimeout; -TimeoutSec sets how long it waits' {
        $test = Test-DockerConnection -DockerHost $stalled.Host -Detailed -TimeoutSec 1
        $test.Success | Should -BeFalse
        $test.ErrorId | Should -Be 'DockerEngineTimeout'
        $test.Error | Should -Match 'did not answer within 1 seconds'
        $test.Error | Should -Match '-TimeoutSec'
    }

    It 'a cmdlet is DockerEngineTimeout (OperationTimeout) after $PSDockerRequestTimeoutSec, the endpoint as target, the message naming the variable' {
        $global:PSDockerRequestTimeoutSec = 1
        try {
            $result = Invoke-Caught { Get-DockerContainer -All -DockerHost $stalled.Host }
        } finally { Remove-Variable PSDockerRequestTimeoutSec -Scope Global }
        $result.Error | Should -Not -BeNullOrEmpty
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'DockerEngineTimeout,*'
        $result.Error.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $result.Error.TargetObject | Should -Be $stalled.Host
        $result.Error.Exception.Message | Should -Match 'did not answer within 1 seconds'
        $result.Error.Exception.Message | Should -Match ([regex]::Escape('$PSDockerRequestTimeoutSec'))
        $result.Error.Exception | Should -Not -BeOfType [System.Threading.Tasks.TaskCanceledException]
        $result.Seconds | Should -BeLessThan 20
    }

    It 'a [TimeSpan] works as the timeout too' {
        $global:PSDockerRequestTimeoutSec = [TimeSpan]::FromMilliseconds(1500)
        try {
            $result = Invoke-Caught { Get-DockerVersion -DockerHost $stalled.Host }
        } finally { Remove-Variable PSDockerRequestTimeoutSec -Scope Global }
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'DockerEngineTimeout,*'
        $result.Error.Exception.Message | Should -Match 'within 1.5 seconds'
    }
}

Describe 'The request timeout as a preference' {
    It '$PSDockerRequestTimeoutSec = <Value> is InvalidRequestTimeout (InvalidArgument) before any request' -TestCases @(
        @{ Value = 'soon' }
        @{ Value = '1 minute' }
        @{ Value = [double]::NaN }
    ) {
        $global:PSDockerRequestTimeoutSec = $Value
        try {
            $result = Invoke-Caught { Get-DockerContainer -All }
        } finally { Remove-Variable PSDockerRequestTimeoutSec -Scope Global }
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'InvalidRequestTimeout,*'
        $result.Error.CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$($result.Error.TargetObject)" | Should -Be "$Value"
        $result.Error.Exception.Message | Should -Match 'number of seconds'
    }

    It 'a number as text and 0 (no timeout) are accepted' {
        $global:PSDockerRequestTimeoutSec = '15'
        try { (Get-DockerVersion).ApiVersion | Should -Not -BeNullOrEmpty } finally { Remove-Variable PSDockerRequestTimeoutSec -Scope Global }
        $global:PSDockerRequestTimeoutSec = 0
        try { (Get-DockerVersion).ApiVersion | Should -Not -BeNullOrEmpty } finally { Remove-Variable PSDockerRequestTimeoutSec -Scope Global }
    }

    It 'streams that last longer than the timeout are not cut: a run, logs -Follow, Wait-DockerContainer, events' {
        $global:PSDockerRequestTimeoutSec = 1
        try {
            Invoke-DockerContainer $image -Remove -Label "$label=faults" sh -c 'sleep 2; echo ran' | Should -Be 'ran'

            $name = New-TestName 'follow'
            Invoke-TestDocker run -d --label "$label=faults" --name $name $image sh -c 'sleep 2; echo late' | Out-Null
            (Get-DockerContainerLog $name -Follow).Line | Should -Be 'late'

            $name = New-TestName 'wait'
            Invoke-TestDocker run -d --label "$label=faults" --name $name $image sh -c 'sleep 2; exit 4' | Out-Null
            (Wait-DockerContainer $name).ExitCode | Should -Be 4

            $since = Get-Date
            $name = New-TestName 'events'
            Invoke-TestDocker create --label "$label=faults" --name $name $image | Out-Null
            $events = Get-DockerEvent -Since $since -Until $since.AddSeconds(2.5)
            ($events | Where-Object Action -eq 'create' | ForEach-Object { $_.Attributes['name'] }) | Should -Contain $name
        } finally { Remove-Variable PSDockerRequestTimeoutSec -Scope Global -ErrorAction Ignore }
    }
}

Describe 'A dockerd that stops under a cached session (SIGSTOP) and comes back (SIGCONT)' {
    It 'is DockerEngineTimeout while stopped, and the next command after it resumes works' {
        $enginePid = Get-EnginePid
        if (-not $enginePid) { Set-ItResult -Skipped -Because 'the suite runs against an engine it did not start (PSDOCKER_TEST_DOCKER_HOST)'; return }
        $global:PSDockerRequestTimeoutSec = 2
        try {
            # The session for this engine and timeout is made and cached here, before the engine stops.
            Get-DockerContainer -All | Out-Null
            & kill -STOP $enginePid
            try {
                $stopped = Invoke-Caught { Get-DockerContainer -All }
                $stoppedInspect = Invoke-Caught { Get-DockerImage -Name $image }
            } finally { & kill -CONT $enginePid }
            $stopped.Error.FullyQualifiedErrorId | Should -BeLike 'DockerEngineTimeout,*'
            $stopped.Error.CategoryInfo.Category | Should -Be 'OperationTimeout'
            $stopped.Error.TargetObject | Should -Be $env:PSDOCKER_PESTER_HOST
            $stopped.Error.Exception.Message | Should -Match 'within 2 seconds'
            $stopped.Seconds | Should -BeLessThan 20
            $stoppedInspect.Error.FullyQualifiedErrorId | Should -BeLike 'DockerEngineTimeout,*'

            Wait-Until { try { Get-DockerVersion | Out-Null; $true } catch { $false } } 20 'The engine answering after SIGCONT'
            (Get-DockerImage -Name $image).Name | Should -Not -BeNullOrEmpty
        } finally {
            & kill -CONT $enginePid
            Remove-Variable PSDockerRequestTimeoutSec -Scope Global -ErrorAction Ignore
        }
    }
}

Describe 'Diagnoses that send the user the right way' {
    It 'a socket file that is not there says so (not "Cannot assign requested address")' {
        $result = Invoke-Caught { Get-DockerVersion -DockerHost 'unix:///nonexistent/pester/docker.sock' }
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'DockerEngineUnreachable,*'
        $result.Error.Exception.Message | Should -Match ([regex]::Escape('Cannot connect to the Docker daemon at unix:///nonexistent/pester/docker.sock. Is the docker daemon running?'))
        $result.Error.Exception.Message | Should -Match ([regex]::Escape('the socket /nonexistent/pester/docker.sock does not exist'))
        $result.Error.Exception.Message | Should -Not -Match 'assign requested address'
    }

    It 'npipe:// off Windows is DockerHostSchemeNotSupported (NotImplemented): named pipes are Windows-only' {
        $result = Invoke-Caught { Get-DockerVersion -DockerHost 'npipe:////./pipe/docker_engine' }
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'DockerHostSchemeNotSupported,*'
        $result.Error.CategoryInfo.Category | Should -Be 'NotImplemented'
        $result.Error.TargetObject | Should -Be 'npipe:////./pipe/docker_engine'
        $result.Error.Exception.Message | Should -Match 'Windows only'
        $result.Error.Exception.Message | Should -Match 'unix:///var/run/docker.sock'
    }

    It 'DOCKER_API_VERSION that is not a version is DockerApiVersionInvalid; one older than the minimum says so, not "upgrade the engine"' {
        # A fresh pwsh: the variable is read when a session for the engine is made, and this one has its session.
        $script = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:PSDOCKER_PESTER_MODULE
foreach ($value in 'banana', '1.12', '1.41') {
    $env:DOCKER_API_VERSION = $value
    try { $v = Get-DockerVersion; "$value ok $($v.ApiVersion)" } catch { "$value $($_.FullyQualifiedErrorId -replace ',.*') $($_.CategoryInfo.Category) [$($_.TargetObject)] $($_.Exception.Message)" }
}
'@
        $module = Join-Path (Get-Module PSDocker).ModuleBase 'PSDocker.psd1'
        $lines = Invoke-FreshPwsh -Command $script -Environment @{ PSDOCKER_PESTER_MODULE = $module; DOCKER_HOST = $env:PSDOCKER_PESTER_HOST }
        $lines | Should -HaveCount 3
        $lines[0] | Should -Match '^banana DockerApiVersionInvalid InvalidArgument \[banana\] .*not an API version'
        $lines[1] | Should -Match '^1\.12 DockerApiVersionTooOld NotImplemented \[1\.12\] DOCKER_API_VERSION asks for API 1\.12, older than the oldest PSDocker speaks \(1\.24\)'
        $lines[1] | Should -Not -Match 'Upgrade the engine'
        # The cache keeps the failed sessions out: the third value connects.
        $lines[2] | Should -Be '1.41 ok 1.41'
    }

    It 'a connection the engine breaks off mid-request does not ask whether the daemon is running' {
        $path = Join-Path $env:PSDOCKER_PESTER_TEMP "broken-$([guid]::NewGuid().ToString('n').Substring(0, 8)).sock"
        $socket = [System.Net.Sockets.Socket]::new([System.Net.Sockets.AddressFamily]::Unix, [System.Net.Sockets.SocketType]::Stream, [System.Net.Sockets.ProtocolType]::Unspecified)
        $socket.Bind([System.Net.Sockets.UnixDomainSocketEndPoint]::new($path))
        $socket.Listen(8)
        # Reads the request, then closes the connection without an answer, as a dockerd killed mid-request.
        $job = Start-ThreadJob -ArgumentList $socket {
            param($listener)
            for ($i = 0; $i -lt 4; $i++) {
                try { $client = $listener.Accept() } catch { return }
                $buffer = [byte[]]::new(65536)
                $null = $client.Receive($buffer)
                $client.Close()
            }
        }
        try {
            $result = Invoke-Caught { Get-DockerVersion -DockerHost "unix://$path" }
        } finally {
            $socket.Dispose()
            $job | Wait-Job -Timeout 10 | Out-Null
            $job | Remove-Job -Force
            Remove-Item $path -ErrorAction Ignore
        }
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'DockerEngineUnreachable,*'
        $result.Error.CategoryInfo.Category | Should -Be 'ConnectionError'
        $result.Error.Exception.Message | Should -Match 'broke off in the middle of the request'
        $result.Error.Exception.Message | Should -Not -Match 'Is the docker daemon running'
    }

    It 'https:// to an endpoint that speaks plain HTTP says it does not speak TLS (not "client certificate required")' {
        # The test registry answers plain HTTP on 127.0.0.1.
        $saved = $env:DOCKER_CERT_PATH
        $env:DOCKER_CERT_PATH = (New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP (New-TestName 'nocerts')) -Force).FullName
        try {
            $result = Invoke-Caught { Get-DockerVersion -DockerHost "https://$env:PSDOCKER_PESTER_REGISTRY" }
        } finally { $env:DOCKER_CERT_PATH = $saved }
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'DockerTlsNotSpoken,*'
        $result.Error.CategoryInfo.Category | Should -Be 'SecurityError'
        # The endpoint, as the module writes it (https:// is tcp:// with TLS).
        "$($result.Error.TargetObject)" | Should -Match ('^(https|tcp)://' + [regex]::Escape($env:PSDOCKER_PESTER_REGISTRY) + '$')
        $result.Error.Exception.Message | Should -Match 'does not speak TLS'
        $result.Error.Exception.Message | Should -Not -Match 'client certificate'
    }

    It 'a <File> that is <What> is DockerTlsMaterialInvalid naming the file and what is wrong' -TestCases @(
        @{ File = 'ca.pem'; What = 'not PEM'; Content = 'garbage, not a certificate'; Why = 'not in PEM form' }
        @{ File = 'ca.pem'; What = 'a PEM file without a certificate'; Content = "-----BEGIN PUBLIC KEY-----`nAAAA`n-----END PUBLIC KEY-----"; Why = 'holds no CERTIFICATE block' }
    ) {
        $folder = (New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP (New-TestName 'badcerts')) -Force).FullName
        Set-Content (Join-Path $folder $File) $Content
        $saved = $env:DOCKER_CERT_PATH, $env:DOCKER_TLS_VERIFY
        $env:DOCKER_CERT_PATH, $env:DOCKER_TLS_VERIFY = $folder, '1'
        try {
            $result = Invoke-Caught { Get-DockerVersion -DockerHost "tcp://$env:PSDOCKER_PESTER_REGISTRY" }
        } finally { $env:DOCKER_CERT_PATH, $env:DOCKER_TLS_VERIFY = $saved }
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'DockerTlsMaterialInvalid,*'
        $result.Error.CategoryInfo.Category | Should -Be 'InvalidData'
        $result.Error.TargetObject | Should -Be (Join-Path $folder $File)
        $result.Error.Exception.Message | Should -Match ([regex]::Escape((Join-Path $folder $File)))
        $result.Error.Exception.Message | Should -Match $Why
        $result.Error.Exception.Message | Should -Not -Match 'Value cannot be null'
    }

    It 'a bad -Filter key on <Cmdlet> is InvalidFilter that targets the key and lists the keys there are' -TestCases @(
        @{ Cmdlet = 'Get-DockerImage'; Keys = 'before, dangling, label, reference, since' }
        @{ Cmdlet = 'Get-DockerVolume'; Keys = 'dangling, driver, label, name' }
        @{ Cmdlet = 'Get-DockerNetwork'; Keys = 'dangling, driver, id, label, name, scope, type' }
    ) {
        $result = Invoke-Caught { & $Cmdlet -Filter @{ label = 'a=b'; nonsense = 'x' } }
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'InvalidFilter,*'
        $result.Error.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $result.Error.TargetObject | Should -Be 'nonsense'
        $result.Error.Exception.Message | Should -Match ([regex]::Escape("is not a filter $Cmdlet takes. Use one of: $Keys"))
    }

    It 'a network that does not exist is NetworkNotFound before anything is made, for <Cmdlet>' -TestCases @(
        @{ Cmdlet = 'Invoke-DockerContainer' }
        @{ Cmdlet = 'New-DockerContainer' }
    ) {
        $before = @(Invoke-TestDocker ps -aq).Count
        $name = New-TestName 'nonet'
        $result = Invoke-Caught { & $Cmdlet $image -Name $name -Label "$label=faults" -Network 'pester-no-such-network' true }
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'NetworkNotFound,*'
        $result.Error.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Error.TargetObject | Should -Be 'pester-no-such-network'
        $result.Error.Exception.Message | Should -Match 'New-DockerNetwork pester-no-such-network'
        @(Invoke-TestDocker ps -aq).Count | Should -Be $before
    }

    It '-Cpus beyond what the engine has says how many it has, and makes nothing' {
        $before = @(Invoke-TestDocker ps -aq).Count
        $result = Invoke-Caught { Invoke-DockerContainer $image -Remove -Label "$label=faults" -Cpus 9999 true }
        $result.Error.FullyQualifiedErrorId | Should -BeLike 'InvalidCpus,*'
        $result.Error.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $result.Error.TargetObject | Should -Be 9999
        $result.Error.Exception.Message | Should -Match "there are only $([Environment]::ProcessorCount) CPUs available"
        @(Invoke-TestDocker ps -aq).Count | Should -Be $before
    }
}

Describe 'A dockerd killed in the middle of the work (a private engine of its own, killed and restarted)' {
    BeforeAll {
        $fault = Start-PrivateDockerd -Folder (Join-Path $env:PSDOCKER_PESTER_TEMP 'fault')
        $faultHost = $fault.Host
        # The test image, copied byte for byte (through sh: a PowerShell pipe would re-encode it).
        & /bin/sh -c "docker -H '$env:PSDOCKER_PESTER_HOST' save '$image' | docker -H '$faultHost' load -q" | Out-Null
        $registry = Start-TestRegistry -Folder (Join-Path $env:PSDOCKER_PESTER_TEMP 'fault-registry')
        $script:timings = [ordered] @{}

        # Containers here get --stop-timeout 1: a restarted dockerd stops what ran before the kill, and sleep as PID 1
        # ignores SIGTERM, so the default 10 s would be spent waiting for every one.
        function Invoke-Docker { & docker -H $faultHost @args 2>&1 | ForEach-Object { "$_" } }

        function Invoke-WhileKilled([scriptblock] $Work, [double] $After = 1.0, [string] $Timing) {
            <# Runs -Work (against the fault engine) while a background sh SIGKILLs dockerd -After seconds in. Returns
               the ErrorRecord and the seconds from the kill to the error, then restarts the engine. #>
            $stamp = Join-Path $env:PSDOCKER_PESTER_TEMP "killed-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
            & /bin/sh -c "(sleep $After; date +%s.%N > '$stamp'; kill -KILL $($fault.Pid)) >/dev/null 2>&1 &"
            $record = $null
            try { & $Work | Out-Null } catch { $record = $_ }
            $ended = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() / 1000.0
            Wait-Until { Test-Path $stamp } 10 'The kill'
            $killed = [double](Get-Content $stamp -Raw).Trim()
            Remove-Item $stamp
            $seconds = [math]::Round($ended - $killed, 2)
            if ($Timing) { $script:timings[$Timing] = $seconds }
            Restart-PrivateDockerd $fault | Out-Null
            [pscustomobject] @{ Error = $record; Seconds = $seconds }
        }

        function Assert-EngineLost($Result) {
            $Result.Error | Should -Not -BeNullOrEmpty -Because 'the work must end with an error when its engine dies'
            $Result.Error.FullyQualifiedErrorId | Should -BeLike 'DockerEngineUnreachable,*' -Because "$($Result.Error.Exception.Message) $($Result.Error.TargetObject)"
            $Result.Error.CategoryInfo.Category | Should -Be 'ConnectionError'
            $Result.Error.TargetObject | Should -Be $faultHost
            $Result.Error.Exception.Message | Should -Not -Match 'Is the docker daemon running'
            $Result.Seconds | Should -BeLessThan 15 -Because 'a lost engine is an error at once, not a hang'
        }
    }

    AfterAll {
        if ($registry) { Stop-TestRegistry $registry }
        if ($fault) { Stop-PrivateDockerd $fault }
        if ($script:timings) { Write-Host ("time from SIGKILL to error (s): " + (($script:timings.GetEnumerator() | ForEach-Object { "$($_.Key) $($_.Value)" }) -join ', ')) }
    }

    It 'logs -Follow ends with DockerEngineUnreachable' {
        $name = New-TestName 'klogs'
        Invoke-Docker run -d --stop-timeout 1 --name $name $image sh -c 'while true; do echo tick; sleep 0.2; done' | Out-Null
        Assert-EngineLost (Invoke-WhileKilled { Get-DockerContainerLog $name -Follow -DockerHost $faultHost } -Timing 'logs -Follow')
    }

    It 'an event stream ends with DockerEngineUnreachable' {
        Assert-EngineLost (Invoke-WhileKilled { Get-DockerEvent -DockerHost $faultHost } -Timing 'events')
    }

    It 'Wait-DockerContainer ends with DockerEngineUnreachable' {
        $name = New-TestName 'kwait'
        Invoke-Docker run -d --stop-timeout 1 --name $name $image sleep 600 | Out-Null
        Assert-EngineLost (Invoke-WhileKilled { Wait-DockerContainer $name -DockerHost $faultHost } -Timing 'wait')
    }

    It 'a statistics stream ends with DockerEngineUnreachable' {
        $name = New-TestName 'kstats'
        Invoke-Docker run -d --stop-timeout 1 --name $name $image sleep 600 | Out-Null
        Assert-EngineLost (Invoke-WhileKilled { Get-DockerContainerStatistic $name -Stream -DockerHost $faultHost } -Timing 'stats -Stream')
    }

    It 'an exec ends with DockerEngineUnreachable' {
        $name = New-TestName 'kexec'
        Invoke-Docker run -d --stop-timeout 1 --name $name $image sleep 600 | Out-Null
        Assert-EngineLost (Invoke-WhileKilled { Invoke-DockerContainerCommand $name sleep 60 -DockerHost $faultHost } -Timing 'exec')
    }

    It 'a pull ends with DockerEngineUnreachable and leaves no image' {
        $reference = "$($registry.Address)/psdocker-test/pulled:1"
        Invoke-Docker tag $image $reference | Out-Null
        Invoke-Docker push $reference | Out-Null
        Invoke-Docker rmi $reference | Out-Null
        # The registry stops answering, so the pull is under way (its progress stream open) when dockerd dies.
        & kill -STOP $registry.Pid
        try {
            $result = Invoke-WhileKilled { Install-DockerImage $reference -DockerHost $faultHost } -Timing 'pull'
        } finally { & kill -CONT $registry.Pid }
        Assert-EngineLost $result
        Invoke-Docker images -q $reference | Should -BeNullOrEmpty
    }

    It 'a push ends with DockerEngineUnreachable' {
        $reference = "$($registry.Address)/psdocker-test/pushed:1"
        Invoke-Docker tag $image $reference | Out-Null
        & kill -STOP $registry.Pid
        try {
            $result = Invoke-WhileKilled { Publish-DockerImage $reference -DockerHost $faultHost } -Timing 'push'
        } finally { & kill -CONT $registry.Pid }
        Assert-EngineLost $result
    }

    It 'a build whose context is being uploaded ends with DockerEngineUnreachable, not a local read error' {
        $context = New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP (New-TestName 'kbuild')) -Force
        & /bin/sh -c "head -c 67108864 /dev/urandom > '$context/blob'"
        Set-Content (Join-Path $context 'Dockerfile') "FROM $image`nCOPY blob /blob"
        Get-DockerVersion -DockerHost $faultHost | Out-Null
        # A stopped dockerd reads nothing: the upload fills the socket and waits, and then the engine dies under it.
        & kill -STOP $fault.Pid
        $result = Invoke-WhileKilled { Build-DockerImage $context.FullName -Tag 'psdocker-test/killed-build:1' -DockerHost $faultHost } -After 1.5 -Timing 'build upload'
        Remove-Item $context -Recurse -Force
        Assert-EngineLost $result
        $result.Error.FullyQualifiedErrorId | Should -Not -BeLike 'BuildContextReadFailed*'
        Invoke-Docker images -q 'psdocker-test/killed-build:1' | Should -BeNullOrEmpty
    }

    It 'a copy into a container being uploaded ends with DockerEngineUnreachable and does not go on to the next path' {
        $name = New-TestName 'kcp'
        Invoke-Docker run -d --stop-timeout 1 --name $name $image sleep 600 | Out-Null
        $folder = New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP (New-TestName 'kcpdata')) -Force
        & /bin/sh -c "head -c 67108864 /dev/urandom > '$folder/first'; echo second > '$folder/second'"
        Get-DockerVersion -DockerHost $faultHost | Out-Null
        & kill -STOP $fault.Pid
        $errors = @()
        $result = Invoke-WhileKilled { Copy-DockerContainerItem -Path "$folder/first", "$folder/second" -ToContainer $name -Destination / -DockerHost $faultHost -ErrorVariable +errors } -After 1.5 -Timing 'cp upload'
        Remove-Item $folder -Recurse -Force
        Assert-EngineLost $result
        $result.Error.FullyQualifiedErrorId | Should -Not -BeLike 'CopyReadFailed*'
        @($errors | Where-Object { $_.FullyQualifiedErrorId -notlike 'DockerEngineUnreachable*' }) | Should -BeNullOrEmpty
    }

    It 'the cached session recovers after the restart: the next command works without a word' {
        Get-DockerContainer -All -DockerHost $faultHost | Out-Null
        & kill -KILL $fault.Pid
        Restart-PrivateDockerd $fault | Out-Null
        (Get-DockerVersion -DockerHost $faultHost).ApiVersion | Should -Not -BeNullOrEmpty
        Get-DockerContainer -All -DockerHost $faultHost | Out-Null
    }

    It 'a -Remove container is gone after dockerd is killed and restarted (the engine''s AutoRemove)' {
        $name = New-TestName 'krm'
        Invoke-DockerContainer $image -Detach -Remove -StopTimeout 1 -Name $name -DockerHost $faultHost sleep 600 | Out-Null
        & kill -KILL $fault.Pid
        Restart-PrivateDockerd $fault | Out-Null
        Wait-Until { -not (Invoke-Docker ps -aq --filter "name=^/$name$") } 30 'The -Remove container removed'
    }
}

Describe 'Many runspaces at once' {
    It '8 runspaces x 500 calls: no error, and the fd count stays flat' {
        $module = Join-Path (Get-Module PSDocker).ModuleBase 'PSDocker.psd1'
        Get-DockerContainer -All | Out-Null
        $before = @(Get-ChildItem /proc/self/fd).Count
        $results = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:module
            $failed = 0
            for ($i = 0; $i -lt 500; $i++) {
                try { Get-DockerContainer -All -ErrorAction Stop | Out-Null } catch { $failed++ }
            }
            $failed
        }
        ($results | Measure-Object -Sum).Sum | Should -Be 0
        [GC]::Collect(); [GC]::WaitForPendingFinalizers()
        $after = @(Get-ChildItem /proc/self/fd).Count
        Write-Host "fds before $before, after 4000 calls in 8 runspaces $after"
        ($after - $before) | Should -BeLessThan 20
    }
}
