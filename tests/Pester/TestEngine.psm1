# The engine the Pester suite talks to, started once per run by Invoke-PesterSuite.ps1 and described to the
# test files through environment variables (each *.Tests.ps1 runs in the same process):
#   PSDOCKER_PESTER_HOST      the engine (unix:///…/docker.sock), also DOCKER_HOST for the run
#   PSDOCKER_PESTER_REGISTRY  a registry on 127.0.0.1:<port>, holding psdocker-test/busybox:latest
# With PSDOCKER_TEST_DOCKER_HOST set, that engine is used instead of a private one.
# Only images from 127.0.0.1 registries are ever pulled: an unqualified name would make the engine ask Docker Hub.

Set-StrictMode -Version 3.0

$script:TestImage = 'psdocker-test/busybox:latest'
$script:TestLabel = 'psdocker.test'

function Get-FreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Wait-Until([scriptblock] $Condition, [int] $Seconds, [string] $What) {
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while (-not (& $Condition)) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "$What did not happen within $Seconds s." }
        Start-Sleep -Milliseconds 200
    }
}

function Invoke-TestDocker {
    <# Runs the real docker CLI against the test engine; throws with its output when it fails. A plain function
       (not an advanced one), so docker's own flags such as -d never bind to common parameters like -Debug. #>
    $output = Invoke-TestDockerUnchecked @args
    if ($LASTEXITCODE -ne 0) {
        throw "docker $($args -join ' ') failed ($LASTEXITCODE): $($output -join "`n")"
    }
    $output
}

function Invoke-TestDockerUnchecked {
    <# Runs the real docker CLI against the test engine; $LASTEXITCODE tells how it went. #>
    $env:DOCKER_BUILDKIT = '0'
    & docker -H $env:PSDOCKER_PESTER_HOST @args 2>&1 | ForEach-Object { "$_" }
}

function Start-TestEngine {
    param([Parameter(Mandatory)] [string] $Folder)

    if ($env:PSDOCKER_TEST_DOCKER_HOST) {
        $hostUri = $env:PSDOCKER_TEST_DOCKER_HOST
        $state = @{ Host = $hostUri; Pid = $null; Folder = $Folder }
    } else {
        $missing = @('dockerd', 'docker', 'docker-registry', 'busybox') | Where-Object { -not (Get-Command $_ -CommandType Application -ErrorAction Ignore) }
        if ($missing -or (& id -u) -ne '0') {
            throw "No Docker engine for the Pester suite (missing: $($missing -join ', '); user id $(& id -u)). Run as root with Debian's packages: apt-get install -y docker.io docker-registry busybox-static openssl apache2-utils, or set PSDOCKER_TEST_DOCKER_HOST."
        }
        $engine = Start-PrivateDockerd -Folder $Folder
        $hostUri = $engine.Host
        $state = @{ Host = $hostUri; Pid = $engine.Pid; Folder = $Folder }
    }
    $env:PSDOCKER_PESTER_HOST = $hostUri
    if (-not $state.Pid) {
        Wait-Until { & docker -H $hostUri version *> $null; $LASTEXITCODE -eq 0 } 60 'The Docker engine answering'
    }

    # The test image: busybox-static FROM scratch (it has no /tmp).
    Invoke-TestDockerUnchecked image inspect $script:TestImage | Out-Null
    if ($LASTEXITCODE -ne 0) {
        $context = New-Item -ItemType Directory -Path "$Folder/image/bin" -Force
        $busybox = (Get-Command busybox -CommandType Application | Select-Object -First 1).Source
        Copy-Item $busybox "$context/busybox"
        foreach ($applet in (& $busybox --list) | Where-Object { $_ -and $_ -ne 'busybox' }) {
            $null = New-Item -ItemType SymbolicLink -Path "$context/$applet" -Target busybox
        }
        Set-Content "$Folder/image/Dockerfile" "FROM scratch`nCOPY bin /bin`nLABEL $script:TestLabel=image`nCMD [`"/bin/sh`"]"
        Invoke-TestDocker build -q -t $script:TestImage "$Folder/image" | Out-Null
    }

    # A registry on 127.0.0.1 for pull/push, holding the test image.
    $registry = Start-TestRegistry -Folder "$Folder/registry"
    $state.RegistryPid = $registry.Pid
    $env:PSDOCKER_PESTER_REGISTRY = $registry.Address
    Invoke-TestDocker tag $script:TestImage "$($registry.Address)/psdocker-test/busybox:latest" | Out-Null
    Invoke-TestDocker push "$($registry.Address)/psdocker-test/busybox:latest" | Out-Null
    [pscustomobject] $state
}

function New-TestCertificate {
    <# A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl in -Folder for this run.
       Returns the folders: Server (ca.pem, server-cert.pem, server-key.pem for dockerd), Good (ca.pem, cert.pem,
       key.pem, as DOCKER_CERT_PATH wants them), WrongCa (a CA that did not sign the server's certificate, with the
       good client pair) and CaOnly (no client certificate). #>
    param([Parameter(Mandatory)] [string] $Folder)
    $work = Join-Path $Folder 'work'
    $result = [ordered] @{}
    foreach ($name in 'Server', 'Good', 'WrongCa', 'CaOnly') {
        $result[$name] = (New-Item -ItemType Directory -Path (Join-Path $Folder $name.ToLowerInvariant()) -Force).FullName
    }
    $null = New-Item -ItemType Directory -Path $work -Force
    $openssl = (Get-Command openssl -CommandType Application | Select-Object -First 1).Source
    function OpenSsl {
        $output = & $openssl @args 2>&1
        if ($LASTEXITCODE -ne 0) { throw "openssl $($args -join ' ') failed: $($output -join "`n")" }
    }
    $w = { param($name) Join-Path $work $name }
    OpenSsl req -x509 -newkey rsa:2048 -nodes -keyout (& $w ca-key.pem) -out (& $w ca.pem) -days 2 -subj '/CN=PSDocker Pester CA'
    OpenSsl req -x509 -newkey rsa:2048 -nodes -keyout (& $w other-key.pem) -out (& $w other-ca.pem) -days 2 -subj '/CN=PSDocker other CA'
    Set-Content (& $w server.ext) "subjectAltName=IP:127.0.0.1,DNS:localhost`nextendedKeyUsage=serverAuth"
    OpenSsl req -new -newkey rsa:2048 -nodes -keyout (& $w server-key.pem) -out (& $w server.csr) -subj '/CN=localhost'
    OpenSsl x509 -req -in (& $w server.csr) -CA (& $w ca.pem) -CAkey (& $w ca-key.pem) -set_serial 1001 -days 2 -sha256 -extfile (& $w server.ext) -out (& $w server-cert.pem)
    Set-Content (& $w client.ext) 'extendedKeyUsage=clientAuth'
    OpenSsl req -new -newkey rsa:2048 -nodes -keyout (& $w key.pem) -out (& $w client.csr) -subj '/CN=psdocker-pester-client'
    OpenSsl x509 -req -in (& $w client.csr) -CA (& $w ca.pem) -CAkey (& $w ca-key.pem) -set_serial 1002 -days 2 -sha256 -extfile (& $w client.ext) -out (& $w cert.pem)
    Copy-Item (& $w ca.pem), (& $w server-cert.pem), (& $w server-key.pem) $result.Server
    Copy-Item (& $w ca.pem), (& $w cert.pem), (& $w key.pem) $result.Good
    Copy-Item (& $w other-ca.pem) (Join-Path $result.WrongCa 'ca.pem')
    Copy-Item (& $w cert.pem), (& $w key.pem) $result.WrongCa
    Copy-Item (& $w ca.pem) $result.CaOnly
    [pscustomobject] $result
}

function Start-PrivateDockerd {
    <# Starts a dockerd of its own in -Folder (data, exec root, pidfile, socket, log), loopback only (--bridge=none,
       no iptables), and waits until it answers. Returns Host, Pid and Folder; Restart-PrivateDockerd starts it again
       on the same folder after a kill. With -TcpPort it listens on tcp://127.0.0.1:<port> too (plain HTTP,
       loopback only), as TcpHost; with -TlsFolder as well (New-TestCertificate's Server folder), that port speaks
       TLS only and asks for a client certificate (--tlsverify). #>
    param([Parameter(Mandatory)] [string] $Folder, [int] $TcpPort, [string] $TlsFolder)
    $null = New-Item -ItemType Directory -Path $Folder -Force
    $hostUri = "unix://$Folder/docker.sock"
    $dockerd = (Get-Command dockerd -CommandType Application | Select-Object -First 1).Source
    $arguments = "--data-root $Folder/data --exec-root $Folder/x --pidfile $Folder/dockerd.pid -H $hostUri --bridge=none --iptables=false --ip6tables=false"
    $tcpHost = if ($TcpPort) { "tcp://127.0.0.1:$TcpPort" } else { $null }
    if ($tcpHost) { $arguments += " -H $tcpHost" }
    if ($tcpHost -and $TlsFolder) {
        $arguments += " --tlsverify --tlscacert $TlsFolder/ca.pem --tlscert $TlsFolder/server-cert.pem --tlskey $TlsFolder/server-key.pem"
    }
    $enginePid = [int](& /bin/sh -c "$dockerd $arguments >>$Folder/dockerd.log 2>&1 & echo `$!")
    $engine = [pscustomobject] @{ Host = $hostUri; Pid = $enginePid; Folder = $Folder; TcpPort = $TcpPort; TcpHost = $tcpHost; TlsFolder = $TlsFolder }
    try {
        Wait-Until {
            if (-not (Test-Path "/proc/$enginePid")) { throw 'The private dockerd exited.' }
            & docker -H $hostUri version *> $null; $LASTEXITCODE -eq 0
        } 60 'The private dockerd answering'
    } catch {
        throw "$_`n$(Get-Content "$Folder/dockerd.log" -Raw -ErrorAction Ignore)"
    }
    $engine
}

function Restart-PrivateDockerd {
    <# After a kill: waits for the old dockerd to be gone and starts a new one on the same folder; updates -Engine's Pid. #>
    param([Parameter(Mandatory)] $Engine)
    $deadline = [DateTime]::UtcNow.AddSeconds(20)
    while ((Test-Path "/proc/$($Engine.Pid)") -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
    # The killed dockerd's containerd dies after it: a new dockerd that still finds it running tries to reuse it and
    # gives up ("timeout waiting for containerd to start"), so wait for that one too.
    $containerdPid = Get-Content "$($Engine.Folder)/x/containerd/containerd.pid" -ErrorAction Ignore
    if ($containerdPid) {
        while ((Test-Path "/proc/$containerdPid") -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
    }
    $again = @{ Folder = $Engine.Folder }
    if ($Engine.TcpPort) { $again.TcpPort = $Engine.TcpPort }
    if ($Engine.TlsFolder) { $again.TlsFolder = $Engine.TlsFolder }
    $new = Start-PrivateDockerd @again
    $Engine.Pid = $new.Pid
    $Engine
}

function Assert-StdinWorks {
    <# For a transport's tests: a run with piped input and an exec with stdin work through -DockerHost (hijacked
       streams, stdin ended with the input), and the container is still there to ask. -CliHost removes it. #>
    param([Parameter(Mandatory)] [string] $DockerHost, [Parameter(Mandatory)] [string] $CliHost)
    $lines = 'one', 'two' | Invoke-DockerContainer $script:TestImage -Interactive -Remove -DockerHost $DockerHost cat
    $lines | Should -Be 'one', 'two'
    $name = New-TestName 'stdin'
    try {
        Invoke-DockerContainer $script:TestImage -Detach -Name $name -DockerHost $DockerHost sleep 300 | Out-Null
        'echo from-exec' | Enter-DockerContainer $name -DockerHost $DockerHost -- sh | Should -Be 'from-exec'
        (Get-DockerContainer $name -DockerHost $DockerHost).State | Should -Be 'running'
    }
    finally {
        & docker -H $CliHost rm -f $name 2>$null | Out-Null
    }
}

function Assert-LogsComeWhole {
    <# For a transport's tests (TcpEngine, TlsEngine): a container's 20,000 lines and one stderr line come whole through
       -DockerHost, each stream in order (the engine interleaves the two by time), with timestamps; -Follow ends at
       Select-Object -First; the engine still answers afterwards. -CliHost is where the docker CLI removes it. #>
    param([Parameter(Mandatory)] [string] $DockerHost, [Parameter(Mandatory)] [string] $CliHost)
    $name = New-TestName 'logs'
    try {
        Invoke-DockerContainer $script:TestImage -Name $name -DockerHost $DockerHost sh -c 'seq 1 20000; echo oops >&2' | Out-Null
        $lines = @(Get-DockerContainerLog $name -DockerHost $DockerHost -ErrorAction Stop)
        $lines.Count | Should -Be 20001
        (@($lines | Where-Object Stream -eq 'stdout').Line -join ',') | Should -Be ((1..20000) -join ',')
        @($lines | Where-Object Stream -eq 'stderr').Line | Should -Be 'oops'
        $lines[0].Timestamp | Should -BeOfType [datetime]
        @(Get-DockerContainerLog $name -Follow -DockerHost $DockerHost | Select-Object -First 3).Line | Should -Be '1', '2', '3'
        (Get-DockerContainer $name -DockerHost $DockerHost).Name | Should -Be $name
    }
    finally {
        & docker -H $CliHost rm -f $name 2>$null | Out-Null
    }
}

function Assert-RestartNoticed {
    <# For a transport's tests: -Engine (Start-PrivateDockerd) killed and restarted behind a kept connection to
       -DockerHost; the next call makes a new connection and answers. #>
    param([Parameter(Mandatory)] $Engine, [Parameter(Mandatory)] [string] $DockerHost)
    Test-DockerConnection -DockerHost $DockerHost | Should -BeTrue
    & kill -KILL $Engine.Pid
    Restart-PrivateDockerd $Engine | Out-Null
    (Get-DockerVersion -DockerHost $DockerHost -ErrorAction Stop).DockerHost | Should -Be $DockerHost
}

function Stop-PrivateDockerd {
    <# Stops a dockerd from Start-PrivateDockerd (TERM, then KILL after 30 s). #>
    param([Parameter(Mandatory)] $Engine)
    & kill -CONT $Engine.Pid 2>$null
    & kill -TERM $Engine.Pid 2>$null
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ((Test-Path "/proc/$($Engine.Pid)") -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
    if (Test-Path "/proc/$($Engine.Pid)") { & kill -KILL $Engine.Pid 2>$null }
}

function Stop-TestEngine {
    param([Parameter(Mandatory)] $State)
    foreach ($id in @($State.RegistryPid, $State.Pid) | Where-Object { $_ }) {
        & kill -TERM $id 2>$null
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ((Test-Path "/proc/$id") -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        if (Test-Path "/proc/$id") { & kill -KILL $id 2>$null }
    }
}

function Start-TestRegistry {
    <# Starts Debian's docker-registry on a free 127.0.0.1 port with its config and storage in -Folder; with
       -HtpasswdPath it asks for a login (basic auth against that file, as made by htpasswd -Bbn). Returns
       Address (127.0.0.1:port, as image references name it), Pid and Folder, for Stop-TestRegistry. #>
    param([Parameter(Mandatory)] [string] $Folder, [string] $HtpasswdPath)
    $port = Get-FreePort
    $registryFolder = (New-Item -ItemType Directory -Path $Folder -Force).FullName
    $auth = if ($HtpasswdPath) { "auth:`n  htpasswd:`n    realm: psdocker-test`n    path: $HtpasswdPath`n" } else { '' }
    Set-Content "$registryFolder/config.yml" @"
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $registryFolder/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
$auth
"@
    $process = Start-Process -FilePath (Get-Command docker-registry -CommandType Application | Select-Object -First 1).Source -ArgumentList 'serve', "$registryFolder/config.yml" `
        -RedirectStandardOutput "$registryFolder/out.log" -RedirectStandardError "$registryFolder/err.log" -PassThru
    $registry = [pscustomobject] @{ Address = "127.0.0.1:$port"; Pid = $process.Id; Folder = $registryFolder }
    try {
        # An open registry answers /v2/ with 200, one that asks for a login with 401.
        Wait-Until {
            if (-not (Test-Path "/proc/$($process.Id)")) { throw 'docker-registry exited.' }
            try { (Invoke-WebRequest "http://127.0.0.1:$port/v2/" -TimeoutSec 2 -SkipHttpErrorCheck).StatusCode -in 200, 401 } catch { $false }
        } 20 'The registry answering'
    } catch {
        Stop-TestRegistry $registry -KeepFolder
        throw "$_`n$(Get-Content "$registryFolder/err.log" -Raw -ErrorAction Ignore)"
    }
    $registry
}

function Stop-TestRegistry {
    <# Stops a registry from Start-TestRegistry and removes its folder (unless -KeepFolder). #>
    param([Parameter(Mandatory, Position = 0)] $Registry, [switch] $KeepFolder)
    if ($Registry.Pid) {
        & kill -TERM $Registry.Pid 2>$null
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ((Test-Path "/proc/$($Registry.Pid)") -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        if (Test-Path "/proc/$($Registry.Pid)") { & kill -KILL $Registry.Pid 2>$null }
    }
    if (-not $KeepFolder) { Remove-Item $Registry.Folder -Recurse -Force -ErrorAction Ignore }
}

function Start-TestSshd {
    <# An sshd on 127.0.0.1 for ssh:// tests, its keys made for the run: root logs in with a client key of its own,
       and its sessions get DOCKER_HOST=-DockerHost (SetEnv), so `docker system dial-stdio` on the "remote" side
       reaches that engine. Returns Port, Folder, SshCommand (for $env:PSDOCKER_SSH_COMMAND: ssh with a config
       that uses the run's key and known_hosts, never ~/.ssh) and Log. #>
    param([Parameter(Mandatory)] [string] $DockerHost, [Parameter(Mandatory)] [string] $Folder)
    $null = New-Item -ItemType Directory -Force -Path $Folder, '/run/sshd'
    & ssh-keygen -q -t ed25519 -N '' -f "$Folder/host_key" | Out-Null
    & ssh-keygen -q -t ed25519 -N '' -f "$Folder/client_key" | Out-Null
    Copy-Item "$Folder/client_key.pub" "$Folder/authorized_keys"
    $port = Get-FreePort
    Set-Content "$Folder/sshd_config" @(
        "Port $port", 'ListenAddress 127.0.0.1', "HostKey $Folder/host_key", "AuthorizedKeysFile $Folder/authorized_keys",
        'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'PermitRootLogin prohibit-password', 'StrictModes no',
        'UsePAM no', "PidFile $Folder/sshd.pid", "SetEnv DOCKER_HOST=$DockerHost")
    $hostKey = (Get-Content "$Folder/host_key.pub").Split(' ')[0..1] -join ' '
    Set-Content "$Folder/known_hosts" "[127.0.0.1]:$port $hostKey"
    Set-Content "$Folder/ssh_config" @('Host *', "  IdentityFile $Folder/client_key", "  UserKnownHostsFile $Folder/known_hosts",
        '  StrictHostKeyChecking yes', '  IdentitiesOnly yes')
    & /usr/sbin/sshd -f "$Folder/sshd_config" -E "$Folder/sshd.log"
    if ($LASTEXITCODE -ne 0) { throw "sshd did not start: $(Get-Content "$Folder/sshd.log" -Raw)" }
    Wait-Until { Test-Path "$Folder/sshd.pid" } 10 'sshd writing its pid'
    [pscustomobject]@{ Port = $port; Folder = $Folder; SshCommand = "ssh -F $Folder/ssh_config"; Log = "$Folder/sshd.log" }
}

function Stop-TestSshd($Sshd) {
    <# Stops an sshd Start-TestSshd started (its sessions end with it). #>
    if ($Sshd -and (Test-Path "$($Sshd.Folder)/sshd.pid")) {
        & kill (Get-Content "$($Sshd.Folder)/sshd.pid") 2>$null
    }

    # ssh master connections that fresh pwsh processes left behind (they end by themselves after a minute).
    if ($Sshd) { & pkill -f "$($Sshd.Folder)/ssh_config" 2>$null }
}

function Invoke-FreshPwsh {
    <# Runs -Command in a new pwsh (the same pwsh as this one), with -Environment values set for it alone
       (a $null value unsets a variable), in -WorkingDirectory if given. Returns its output as strings; $LASTEXITCODE is its exit code. #>
    param([Parameter(Mandatory)] [string] $Command, [hashtable] $Environment = @{}, [string] $WorkingDirectory)
    $saved = @{}
    if ($WorkingDirectory) { Push-Location $WorkingDirectory }
    foreach ($key in $Environment.Keys) {
        $saved[$key] = [Environment]::GetEnvironmentVariable($key)
        [Environment]::SetEnvironmentVariable($key, $Environment[$key])
    }
    try {
        $self = [Environment]::GetCommandLineArgs()[0]
        $arguments = @('-NoProfile', '-NonInteractive', '-Command', $Command)
        if ($self -like '*.dll') { & dotnet $self @arguments 2>&1 | ForEach-Object { "$_" } } else { & $self @arguments 2>&1 | ForEach-Object { "$_" } }
    } finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
        if ($WorkingDirectory) { Pop-Location }
    }
}

function Start-TestSwarm {
    <# Two private dockerds in -Folder (manager/, worker/) as a two-node swarm: the manager listens and advertises on
       127.0.0.1:2377, the worker on 127.0.0.1:2378 (both report the same hostname; tell them apart by node id); with
       -FreePorts on free 127.0.0.1 ports and a free data path port instead, so it can run beside another swarm.
       With -NotJoined the engines start but no swarm is made (for the init/join/leave tests). Returns ManagerHost,
       WorkerHost, Manager and Worker (for Stop-/Restart-PrivateDockerd), ManagerAddress, WorkerAddress, ManagerNodeId,
       WorkerNodeId (empty when not joined) and Image: the suite's busybox in its 127.0.0.1 registry, which both nodes
       pull (a swarm task always pulls its image, so an unqualified name would reach Docker Hub). #>
    param([Parameter(Mandatory)] [string] $Folder, [switch] $NotJoined, [switch] $FreePorts)
    $manager = Start-PrivateDockerd -Folder (Join-Path $Folder 'manager')
    $worker = $null
    try {
        $worker = Start-PrivateDockerd -Folder (Join-Path $Folder 'worker')
        $managerAddress, $workerAddress = if ($FreePorts) { "127.0.0.1:$(Get-FreePort)", "127.0.0.1:$(Get-FreePort)" } else { '127.0.0.1:2377', '127.0.0.1:2378' }
        $swarm = [pscustomobject]@{
            ManagerHost = $manager.Host; WorkerHost = $worker.Host; Manager = $manager; Worker = $worker
            ManagerAddress = $managerAddress; WorkerAddress = $workerAddress; Folder = $Folder
            ManagerNodeId = ''; WorkerNodeId = ''; Image = "$env:PSDOCKER_PESTER_REGISTRY/psdocker-test/busybox:latest"
        }
        if (-not $NotJoined) {
            $dataPath = if ($FreePorts) { @('--data-path-port', (Get-FreePort)) } else { @() }
            $out = & docker -H $manager.Host swarm init --advertise-addr $managerAddress --listen-addr $managerAddress @dataPath 2>&1
            if ($LASTEXITCODE -ne 0) { throw "swarm init failed: $out" }
            $token = & docker -H $manager.Host swarm join-token -q worker
            $out = & docker -H $worker.Host swarm join --token $token --advertise-addr $workerAddress --listen-addr $workerAddress $managerAddress 2>&1
            if ($LASTEXITCODE -ne 0) { throw "swarm join failed: $out" }
            $swarm.ManagerNodeId = (& docker -H $manager.Host info --format '{{.Swarm.NodeID}}')
            $swarm.WorkerNodeId = (& docker -H $worker.Host info --format '{{.Swarm.NodeID}}')
            Wait-Until { (& docker -H $manager.Host node ls --filter role=worker --format '{{.Status}}') -eq 'Ready' } 30 'The worker node ready'
        }
        $swarm
    } catch {
        if ($worker) { Stop-PrivateDockerd $worker }
        Stop-PrivateDockerd $manager
        throw
    }
}

function Stop-TestSwarm {
    <# Stops both engines of Start-TestSwarm and removes their folders: a stopped dockerd leaves the network namespaces
       of its overlay sandboxes mounted under its exec root, so those are unmounted first. #>
    param([Parameter(Mandatory, Position = 0)] $Swarm)
    foreach ($engine in @($Swarm.Worker, $Swarm.Manager) | Where-Object { $_ }) { Stop-PrivateDockerd $engine }
    foreach ($engine in @($Swarm.Worker, $Swarm.Manager) | Where-Object { $_ }) {
        $prefix = "$($engine.Folder)/"
        foreach ($mount in Get-Content /proc/mounts | ForEach-Object { ($_ -split ' ')[1] } | Where-Object { $_.StartsWith($prefix) } | Sort-Object -Descending) {
            & umount $mount 2>$null
        }
        Remove-Item $engine.Folder -Recurse -Force -ErrorAction Ignore
    }
}

function Get-TestImage { $script:TestImage }
function Get-TestLabel { $script:TestLabel }

function New-TestName([string] $Prefix = 'pester') {
    <# A unique object name for one test. #>
    "$Prefix-$([guid]::NewGuid().ToString('n').Substring(0, 10))"
}

function Remove-TestObject {
    <# Removes what the tests made (everything labelled psdocker.test except the test image itself), with the docker CLI. #>
    $containers = Invoke-TestDockerUnchecked ps -aq --filter "label=$script:TestLabel" | Where-Object { $_ }
    if ($containers) { Invoke-TestDockerUnchecked rm -f @containers | Out-Null }
    $volumes = Invoke-TestDockerUnchecked volume ls -q --filter "label=$script:TestLabel" | Where-Object { $_ }
    if ($volumes) { Invoke-TestDockerUnchecked volume rm -f @volumes | Out-Null }
    $networks = Invoke-TestDockerUnchecked network ls -q --filter "label=$script:TestLabel" | Where-Object { $_ }
    if ($networks) { Invoke-TestDockerUnchecked network rm @networks | Out-Null }
}

Export-ModuleMember -Function New-TestCertificate, Assert-StdinWorks, Assert-LogsComeWhole, Assert-RestartNoticed, Start-TestSwarm, Stop-TestSwarm, Start-TestSshd, Stop-TestSshd, Invoke-FreshPwsh, Start-PrivateDockerd, Restart-PrivateDockerd, Stop-PrivateDockerd, Start-TestEngine, Stop-TestEngine, Start-TestRegistry, Stop-TestRegistry, Invoke-TestDocker, Invoke-TestDockerUnchecked, Get-TestImage, Get-TestLabel, New-TestName, Remove-TestObject, Get-FreePort, Wait-Until
