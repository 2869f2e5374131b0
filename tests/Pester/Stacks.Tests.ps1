# Stacks on a real two-node swarm (as Start-TestSwarm makes, on free ports): Deploy-, Get-, Remove-DockerStack against what the docker CLI
# sees (stack ls, stack services, service/secret/network inspect), and the compose loader's typed errors. Services run
# the suite's busybox from its 127.0.0.1 registry only; every object the files make carries a psdocker.test label.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"

    # Free ports, so it does not depend on 2377/2378 being free on this machine.
    $swarm = Start-TestSwarm -Folder (Join-Path $env:PSDOCKER_PESTER_TEMP 'stk') -FreePorts
    $m = $swarm.ManagerHost
    $env:STACK_TEST_IMAGE = $swarm.Image
    $stacks = [System.Collections.Generic.List[string]]::new()

    function Invoke-Manager { $out = & docker -H $m @args 2>&1 | ForEach-Object { "$_" }; if ($LASTEXITCODE -ne 0) { throw "docker $args failed: $out" }; $out }
    function Get-Labelled([string] $Kind, [string] $Stack) {
        @(Invoke-Manager $Kind ls --filter "label=com.docker.stack.namespace=$Stack" --format '{{.Name}}' | Where-Object { $_ } | Sort-Object)
    }
    function New-StackName { $name = "st$([guid]::NewGuid().ToString('n').Substring(0, 8))"; $stacks.Add($name); $name }

    $dir = (New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP "stk-files-$([guid]::NewGuid().ToString('n').Substring(0, 6))")).FullName
    Set-Content "$dir/token.txt" 's3cret-token' -NoNewline
    Set-Content "$dir/app.conf" 'conf-line' -NoNewline
    # docker stack deploy reads no .env; Deploy-DockerStack does (next to the first file), the environment winning.
    Set-Content "$dir/.env" "DOTENV_VALUE=from-dotenv`nSTACK_BOTH=from-dotenv"
    Set-Content "$dir/stack.yml" @'
version: "3.8"
x-labels: &labels
  psdocker.test: stacks
services:
  app:
    image: ${STACK_TEST_IMAGE}
    command: ["sh", "-c", "cat /run/secrets/token; echo; cat /app.conf; echo; sleep 3600"]
    environment:
      GREETING: ${STACK_GREETING:-hello}
      FROM_DOTENV: ${DOTENV_VALUE}
      BOTH: ${STACK_BOTH}
      PRICE: $$5
    labels: *labels
    networks:
      back:
        aliases: [api]
    secrets: [token]
    configs:
      - source: conf
        target: /app.conf
        mode: 0440
    stop_grace_period: 1s
    deploy:
      replicas: 1
      labels: *labels
      restart_policy: { condition: on-failure }
  sidecar:
    image: ${STACK_TEST_IMAGE}
    command: sleep 3600
    stop_grace_period: 1s
    volumes:
      - { type: tmpfs, target: /scratch, tmpfs: { size: 1m } }
    ulimits: { nofile: { soft: 1024, hard: 2048 } }
    logging: { driver: json-file, options: { max-size: 1m } }
    healthcheck: { test: ["CMD", "true"], interval: 5s, retries: 2 }
    deploy:
      labels: *labels
networks:
  back:
    labels: *labels
secrets:
  token:
    file: ./token.txt
    labels: *labels
configs:
  conf:
    file: ./app.conf
    labels: *labels
'@
    # The same stack without its sidecar, for -Prune.
    (Get-Content "$dir/stack.yml" -Raw) -replace '(?s)  sidecar:.*?labels: \*labels\r?\n', '' | Set-Content "$dir/app-only.yml"
    Set-Content "$dir/cli.yml" @'
version: "3.8"
services:
  one:
    image: ${STACK_TEST_IMAGE}
    command: sleep 3600
    deploy:
      labels: { psdocker.test: stacks }
'@
    Set-Content "$dir/unsupported.yml" "services:`n  app:`n    image: x`n    deploy:`n      replicas: 1`n      frobnicate: true`n"
    Set-Content "$dir/ignored.yml" "services:`n  app:`n    image: 127.0.0.1:1/x`n    build: .`n    frobnicate: true`n"
    Set-Content "$dir/required.yml" "services:`n  app:`n    image: `${STACK_NOT_SET:?give the image}`n"
}

AfterAll {
    foreach ($stack in $stacks) { & docker -H $m stack rm $stack 2>&1 | Out-Null }
    Remove-Item env:STACK_TEST_IMAGE, env:STACK_BOTH, env:STACK_GREETING -ErrorAction Ignore
    if ($swarm) { Stop-TestSwarm $swarm }
    Remove-Item $dir -Recurse -Force -ErrorAction Ignore
}

Describe 'Deploy-DockerStack' {
    BeforeAll {
        $name = New-StackName
        $env:STACK_BOTH = 'from-environment'
        $stack = Deploy-DockerStack -Name $name -Path "$dir/stack.yml" -DockerHost $m -WarningVariable warned
    }

    It 'makes the networks, the secret and the services, every one labelled with the stack, and returns the stack' {
        $stack.PSObject.TypeNames[0] | Should -Be 'PSDocker.Model.DockerStack'
        $stack.Name | Should -Be $name
        $stack.Services | Should -Be 2
        $stack.Orchestrator | Should -Be 'Swarm'
        $stack.DockerHost | Should -Be $m
        @($warned).Count | Should -Be 0
        Get-Labelled service $name | Should -Be "${name}_app", "${name}_sidecar"
        Get-Labelled network $name | Should -Be "${name}_back", "${name}_default"
        Get-Labelled secret $name | Should -Be "${name}_token"
        Get-Labelled config $name | Should -Be "${name}_conf"
        (Invoke-Manager network inspect "${name}_back" | ConvertFrom-Json).Driver | Should -Be 'overlay'
        (Invoke-Manager network inspect "${name}_back" | ConvertFrom-Json).Labels.'psdocker.test' | Should -Be 'stacks'
        (Invoke-Manager secret inspect "${name}_token" | ConvertFrom-Json).Spec.Labels.'psdocker.test' | Should -Be 'stacks'
    }

    It 'writes the service spec as docker stack deploy would: image label, interpolated environment, aliases, secret file' {
        $app = Invoke-Manager service inspect "${name}_app" | ConvertFrom-Json
        $app.Spec.Labels.'com.docker.stack.namespace' | Should -Be $name
        $app.Spec.Labels.'com.docker.stack.image' | Should -Be $swarm.Image
        $app.Spec.TaskTemplate.ContainerSpec.Image | Should -BeLike "$($swarm.Image)@sha256:*"
        $app.Spec.TaskTemplate.ContainerSpec.Labels.'com.docker.stack.namespace' | Should -Be $name
        $app.Spec.TaskTemplate.ContainerSpec.Env | Should -Be 'BOTH=from-environment', 'FROM_DOTENV=from-dotenv', 'GREETING=hello', 'PRICE=$5'
        $app.Spec.TaskTemplate.ContainerSpec.Secrets[0].SecretName | Should -Be "${name}_token"
        $app.Spec.TaskTemplate.ContainerSpec.Secrets[0].File.Name | Should -Be 'token'
        $app.Spec.TaskTemplate.ContainerSpec.Configs[0].ConfigName | Should -Be "${name}_conf"
        $app.Spec.TaskTemplate.ContainerSpec.Configs[0].File.Name | Should -Be '/app.conf'
        $app.Spec.TaskTemplate.ContainerSpec.Configs[0].File.Mode | Should -Be 288
        $app.Spec.TaskTemplate.RestartPolicy.Condition | Should -Be 'on-failure'
        $back = (Invoke-Manager network inspect "${name}_back" | ConvertFrom-Json).Id
        $attachment = $app.Spec.TaskTemplate.Networks | Where-Object Target -eq $back
        $attachment.Aliases | Should -Be 'api', 'app'
        $sidecar = Invoke-Manager service inspect "${name}_sidecar" | ConvertFrom-Json
        $default = (Invoke-Manager network inspect "${name}_default" | ConvertFrom-Json).Id
        $sidecar.Spec.TaskTemplate.Networks.Target | Should -Be $default
        $sidecar.Spec.TaskTemplate.Networks.Aliases | Should -Be 'sidecar'
        $sidecar.Spec.TaskTemplate.ContainerSpec.Mounts[0].Type | Should -Be 'tmpfs'
        $sidecar.Spec.TaskTemplate.ContainerSpec.Mounts[0].TmpfsOptions.SizeBytes | Should -Be 1048576
        $sidecar.Spec.TaskTemplate.ContainerSpec.Ulimits[0].Name | Should -Be 'nofile'
        $sidecar.Spec.TaskTemplate.ContainerSpec.Ulimits[0].Hard | Should -Be 2048
        $sidecar.Spec.TaskTemplate.LogDriver.Name | Should -Be 'json-file'
        $sidecar.Spec.TaskTemplate.LogDriver.Options.'max-size' | Should -Be '1m'
        $sidecar.Spec.TaskTemplate.ContainerSpec.Healthcheck.Test | Should -Be 'CMD', 'true'
        $sidecar.Spec.TaskTemplate.ContainerSpec.Healthcheck.Interval | Should -Be 5000000000
        $sidecar.Spec.TaskTemplate.ContainerSpec.Healthcheck.Retries | Should -Be 2
        $sidecar.Spec.TaskTemplate.ContainerSpec.StopGracePeriod | Should -Be 1000000000
    }

    It 'runs the task, which reads the secret at /run/secrets/token and the config at /app.conf' {
        Wait-Until { (& docker -H $m service logs --raw "${name}_app" 2>&1 | Out-String) -match 'conf-line' } 60 'The app task printing its secret and config'
        $logs = & docker -H $m service logs --raw "${name}_app" 2>&1 | Out-String
        $logs | Should -Match 's3cret-token'
        $logs | Should -Match 'conf-line'
    }

    It 'is what docker stack ls and docker stack services list, and Get-DockerStack lists it with its count' {
        Invoke-Manager stack ls --format '{{.Name}} {{.Services}}' | Should -Contain "$name 2"
        Invoke-Manager stack services $name --format '{{.Name}}' | Sort-Object | Should -Be "${name}_app", "${name}_sidecar"
        $listed = Get-DockerStack -Name $name -DockerHost $m
        $listed.Services | Should -Be 2
        (Get-DockerStack -Name 'st*' -DockerHost $m).Name | Should -Contain $name
        $table = Get-DockerStack -Name $name -DockerHost $m | Out-String -Width 80
        $table | Should -Match 'NAME\s+SERVICES\s+ORCHESTRATOR'
        $table | Should -Match "$name\s+2\s+Swarm"
        $completions = (TabExpansion2 -inputScript ($line = "Remove-DockerStack -DockerHost $m $($name.Substring(0, 6))") -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Contain $name
    }

    It 'leaves unchanged services alone when deployed again, and updates a changed one in place' {
        $before = @{}
        foreach ($service in "${name}_app", "${name}_sidecar") { $before[$service] = Invoke-Manager service inspect $service | ConvertFrom-Json }
        $configVersion = (Invoke-Manager config inspect "${name}_conf" | ConvertFrom-Json).Version.Index
        Deploy-DockerStack -Name $name -Path "$dir/stack.yml" -DockerHost $m | Out-Null
        foreach ($service in "${name}_app", "${name}_sidecar") {
            (Invoke-Manager service inspect $service | ConvertFrom-Json).Version.Index | Should -Be $before[$service].Version.Index -Because "$service did not change"
        }
        (Invoke-Manager config inspect "${name}_conf" | ConvertFrom-Json).Version.Index | Should -Be $configVersion

        $env:STACK_GREETING = 'changed'
        try { Deploy-DockerStack -Name $name -Path "$dir/stack.yml" -DockerHost $m | Out-Null } finally { Remove-Item env:STACK_GREETING }
        $app = Invoke-Manager service inspect "${name}_app" | ConvertFrom-Json
        $app.ID | Should -Be $before["${name}_app"].ID
        $app.Version.Index | Should -BeGreaterThan $before["${name}_app"].Version.Index
        $app.Spec.TaskTemplate.ContainerSpec.Env | Should -Contain 'GREETING=changed'
        $app.PreviousSpec.TaskTemplate.ContainerSpec.Env | Should -Contain 'GREETING=hello'
        (Invoke-Manager service inspect "${name}_sidecar" | ConvertFrom-Json).Version.Index | Should -Be $before["${name}_sidecar"].Version.Index
        Get-Labelled secret $name | Should -Be "${name}_token"
    }

    It 'keeps a service the files dropped, and -Prune removes it' {
        (Deploy-DockerStack -Name $name -Path "$dir/app-only.yml" -DockerHost $m).Services | Should -Be 2
        (Deploy-DockerStack -Name $name -Path "$dir/app-only.yml" -DockerHost $m -Prune -Confirm:$false).Services | Should -Be 1
        Get-Labelled service $name | Should -Be "${name}_app"
    }

    It 'Remove-DockerStack -WhatIf keeps it; Remove-DockerStack removes services, secret and networks; again it is StackNotFound' {
        Remove-DockerStack -Name $name -DockerHost $m -WhatIf
        Get-Labelled service $name | Should -Be "${name}_app"
        Get-DockerStack -Name $name -DockerHost $m | Remove-DockerStack -Confirm:$false
        Get-Labelled service $name | Should -BeNullOrEmpty
        Get-Labelled secret $name | Should -BeNullOrEmpty
        Get-Labelled config $name | Should -BeNullOrEmpty
        # The swarm has dropped the networks; a node lists its local copy until its tasks' containers are gone.
        Wait-Until { -not (Get-Labelled network $name) } 30 "The networks of $name gone from the manager's list"
        Invoke-Manager stack ls --format '{{.Name}}' | Should -Not -Contain $name

        Remove-DockerStack -Name $name -DockerHost $m -ErrorAction SilentlyContinue -ErrorVariable failed
        @($failed).Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'StackNotFound,PSDocker.Commands.Swarm.RemoveDockerStackCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be $name
    }
}

Describe 'Stacks and the docker CLI' {
    It 'Get-DockerStack sees a stack docker stack deploy made, and Remove-DockerStack removes it' {
        $name = New-StackName
        Invoke-Manager stack deploy --detach=true -c "$dir/cli.yml" $name | Out-Null
        $found = Get-DockerStack -Name $name -DockerHost $m
        $found.Services | Should -Be 1
        Remove-DockerStack $name -DockerHost $m -Confirm:$false
        Invoke-Manager stack ls --format '{{.Name}}' | Should -Not -Contain $name
        Wait-Until { -not (Get-Labelled network $name) } 30 "The networks of $name gone from the manager's list"
    }

    It '-ResolveImage Never deploys the tag as written; Changed keeps it when the image did not change' {
        $name = New-StackName
        Deploy-DockerStack $name "$dir/cli.yml" -ResolveImage Never -DockerHost $m | Out-Null
        $first = Invoke-Manager service inspect "${name}_one" | ConvertFrom-Json
        $first.Spec.TaskTemplate.ContainerSpec.Image | Should -Be $swarm.Image
        Deploy-DockerStack $name "$dir/cli.yml" -ResolveImage Changed -DockerHost $m | Out-Null
        (Invoke-Manager service inspect "${name}_one" | ConvertFrom-Json).Version.Index | Should -Be $first.Version.Index
        # Always looks the tag up and pins its digest: that is a change of the spec.
        Deploy-DockerStack $name "$dir/cli.yml" -DockerHost $m | Out-Null
        (Invoke-Manager service inspect "${name}_one" | ConvertFrom-Json).Spec.TaskTemplate.ContainerSpec.Image | Should -BeLike "$($swarm.Image)@sha256:*"
        Remove-DockerStack $name -DockerHost $m -Confirm:$false
    }

    It 'joins an external network by its name, and a missing external network is StackExternalNetworkNotFound before anything is made' {
        $name = New-StackName
        $shared = "$name-shared"
        Invoke-Manager network create -d overlay --label psdocker.test=stacks $shared | Out-Null
        try {
            Set-Content "$dir/external.yml" "services:`n  one:`n    image: `${STACK_TEST_IMAGE}`n    command: sleep 3600`n    networks: [outside]`n    deploy:`n      labels: { psdocker.test: stacks }`nnetworks:`n  outside:`n    external: true`n    name: $shared`n"
            Deploy-DockerStack $name "$dir/external.yml" -DockerHost $m | Out-Null
            $one = Invoke-Manager service inspect "${name}_one" | ConvertFrom-Json
            $one.Spec.TaskTemplate.Networks.Target | Should -Be (Invoke-Manager network inspect $shared | ConvertFrom-Json).Id
            Get-Labelled network $name | Should -BeNullOrEmpty
            Remove-DockerStack $name -DockerHost $m -Confirm:$false

            $other = New-StackName
            (Get-Content "$dir/external.yml" -Raw).Replace($shared, "$name-missing") | Set-Content "$dir/external-missing.yml"
            { Deploy-DockerStack $other "$dir/external-missing.yml" -DockerHost $m } | Should -Throw -ErrorId 'StackExternalNetworkNotFound,*' -PassThru -OutVariable thrown | Out-Null
            $thrown[0].TargetObject | Should -Be "$name-missing"
            $thrown[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            Get-Labelled service $other | Should -BeNullOrEmpty
        } finally {
            Wait-Until { & docker -H $m network rm $shared 2>&1 | Out-Null; -not (& docker -H $m network ls -q --filter "name=^$shared$") } 30 "Removing $shared"
        }
    }

    It 'makes the same service specs as docker stack deploy from the same file' {
        Set-Content "$dir/compare.yml" @'
version: "3.13"
services:
  web:
    image: ${STACK_TEST_IMAGE}
    command: sh -c 'sleep 3600'
    entrypoint: ["/bin/sh", "-e"]
    environment: [B=2, A=1, EMPTY=]
    labels: { psdocker.test: stacks, tier: web }
    hostname: web1
    user: "0"
    working_dir: /
    stop_grace_period: 2s
    stop_signal: SIGTERM
    tty: true
    stdin_open: true
    read_only: true
    init: true
    extra_hosts: ["db.local:10.1.2.3"]
    dns: [10.0.0.53]
    dns_search: [example.internal]
    cap_add: [net_admin]
    cap_drop: [CAP_MKNOD]
    sysctls: { net.core.somaxconn: "1024" }
    ports: ["${STACK_P1}:80", { target: 90, published: "${STACK_P2}", protocol: udp, mode: host }]
    networks: { front: { aliases: [www] }, back: }
    secrets: [token, { source: token, target: other, mode: 0400 }]
    configs: [{ source: conf, target: /conf.txt }]
    volumes: [data:/data:ro, /var/log:/host-log, { type: tmpfs, target: /scratch, tmpfs: { size: 1048576 } }]
    healthcheck: { test: wget -q localhost, interval: 5s, timeout: 2s, retries: 2, start_period: 1s }
    logging: { driver: json-file, options: { max-size: 1m } }
    ulimits: { nofile: { soft: 100, hard: 200 }, nproc: 50 }
    deploy:
      mode: replicated
      replicas: 0
      labels: { psdocker.test: stacks }
      endpoint_mode: vip
      placement: { constraints: [node.role == manager], preferences: [{ spread: node.id }], max_replicas_per_node: 2 }
      resources: { limits: { cpus: '0.5', memory: 64M, pids: 100 }, reservations: { cpus: '0.1', memory: 16M } }
      restart_policy: { condition: on-failure, delay: 1s, max_attempts: 3, window: 10s }
      update_config: { parallelism: 2, delay: 1s, failure_action: rollback, monitor: 2s, max_failure_ratio: 0.5, order: start-first }
      rollback_config: { parallelism: 1, order: stop-first }
  quiet:
    image: ${STACK_TEST_IMAGE}
    command: sleep 3600
    restart: on-failure:2
    deploy: { mode: global, labels: { psdocker.test: stacks } }
networks:
  front: { driver: overlay, attachable: true, labels: { psdocker.test: stacks } }
  back: { internal: true, driver_opts: { com.docker.network.driver.mtu: "1400" }, labels: { psdocker.test: stacks } }
volumes:
  data: { labels: { psdocker.test: stacks } }
secrets:
  token: { file: ./token.txt, labels: { psdocker.test: stacks } }
configs:
  conf: { file: ./app.conf, labels: { psdocker.test: stacks } }
'@
        $cli = New-StackName; $ours = New-StackName
        # Published ports are the swarm's to give once: each deploy gets its own, and the comparison names them alike.
        $ports = @{ $cli = @((Get-FreePort), (Get-FreePort) | Sort-Object); $ours = @((Get-FreePort), (Get-FreePort) | Sort-Object) }
        $env:STACK_P1, $env:STACK_P2 = $ports[$cli]
        Invoke-Manager stack deploy --detach=true -c "$dir/compare.yml" $cli 2>&1 | Out-Null
        $env:STACK_P1, $env:STACK_P2 = $ports[$ours]
        Deploy-DockerStack $ours "$dir/compare.yml" -DockerHost $m -WarningAction SilentlyContinue | Out-Null
        Remove-Item env:STACK_P1, env:STACK_P2

        function Get-Flat($Stack, $Service) {
            # One line per leaf, stack names made alike, ids named: what each deploy chose the same way.
            $names = @{}
            foreach ($n in (Invoke-Manager network ls --format '{{.ID}} {{.Name}}')) { $id, $nm = $n -split ' '; $names[$id] = $nm }
            $json = (Invoke-Manager service inspect "${Stack}_$Service" | ConvertFrom-Json).Spec
            $lines = [System.Collections.Generic.List[string]]::new()
            function Walk($Value, [string] $Path) {
                if ($Value -is [System.Management.Automation.PSCustomObject]) { foreach ($p in $Value.PSObject.Properties) { Walk $p.Value "$Path.$($p.Name)" } }
                elseif ($Value -is [array]) { for ($i = 0; $i -lt $Value.Count; $i++) { Walk $Value[$i] "$Path[$i]" } }
                elseif ($Path -notmatch '(SecretID|ConfigID)$') { $lines.Add("$Path=$Value") }
            }
            # The CLI orders references to one secret (or config) by name only, and those of the same name in map
            # order, which differs from run to run: both sides are put in one order (name, then target) first.
            foreach ($kind in 'Secrets', 'Configs') {
                $refs = $json.TaskTemplate.ContainerSpec.$kind
                if ($refs) { $json.TaskTemplate.ContainerSpec.$kind = @($refs | Sort-Object { "$($_.SecretName)$($_.ConfigName)" }, { $_.File.Name }) }
            }
            foreach ($attachment in $json.TaskTemplate.Networks) { $full = ($names.Keys | Where-Object { $attachment.Target.StartsWith($_) } | Select-Object -First 1); if ($full) { $attachment.Target = $names[$full] } }
            Walk $json ''
            $lines -replace [regex]::Escape($Stack), 'STACK' -replace "=$($ports[$Stack][0])$", '=P1' -replace "=$($ports[$Stack][1])$", '=P2'
        }
        foreach ($service in 'web', 'quiet') {
            $theirs, $mine = (Get-Flat $cli $service), (Get-Flat $ours $service)
            $differences = Compare-Object $theirs $mine | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" }
            $differences | Should -BeNullOrEmpty -Because "docker stack deploy (<=) and Deploy-DockerStack (=>) differ for $service"
        }
        foreach ($network in 'front', 'back') {
            $theirs, $mine = foreach ($stack in $cli, $ours) {
                $n = Invoke-Manager network inspect "${stack}_$network" | ConvertFrom-Json
                [ordered]@{ Driver = $n.Driver; Scope = $n.Scope; Internal = $n.Internal; Attachable = $n.Attachable; Options = @($n.Options.PSObject.Properties | Where-Object Name -notlike '*vxlanid_list' | ForEach-Object { "$($_.Name)=$($_.Value)" }); Labels = $n.Labels.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value -replace $stack, 'STACK')" } } | ConvertTo-Json -Compress
            }
            $mine | Should -Be $theirs -Because "the network $network"
        }
        foreach ($kind in 'secret', 'config') {
            $theirs, $mine = foreach ($stack in $cli, $ours) {
                ((Invoke-Manager $kind inspect "${stack}_$(if ($kind -eq 'secret') { 'token' } else { 'conf' })" | ConvertFrom-Json).Spec.Labels | ConvertTo-Json -Compress) -replace $stack, 'STACK'
            }
            $mine | Should -Be $theirs -Because "the $kind's labels"
        }
        Invoke-Manager stack rm $cli | Out-Null
        Remove-DockerStack $ours -DockerHost $m -Confirm:$false
    }

    It 'Get-DockerStack -Name of a stack that does not exist is StackNotFound; a pattern that matches none is quiet' {
        Get-DockerStack -Name 'nostack-here' -DockerHost $m -ErrorAction SilentlyContinue -ErrorVariable failed | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -Be 'StackNotFound,PSDocker.Commands.Swarm.GetDockerStackCommand'
        $failed[0].TargetObject | Should -Be 'nostack-here'
        Get-DockerStack -Name 'nostack-*' -DockerHost $m -ErrorAction Stop | Should -BeNullOrEmpty
    }
}

Describe 'Deploy-DockerStack -WithRegistryAuth' {
    BeforeAll {
        $user, $password = 'psdt-stack', 'st4ck-P4ss'
        $authFolder = (New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP "stk-auth-$([guid]::NewGuid().ToString('n').Substring(0, 6))")).FullName
        & htpasswd -Bbn $user $password | Set-Content "$authFolder/htpasswd"
        $authRegistry = Start-TestRegistry -Folder "$authFolder/registry" -HtpasswdPath "$authFolder/htpasswd"
        $env:STACK_AUTH_IMAGE = "$($authRegistry.Address)/psdocker-test/busybox:latest"
        Invoke-TestDocker login $authRegistry.Address -u $user -p $password | Out-Null
        Invoke-TestDocker tag (Get-TestImage) $env:STACK_AUTH_IMAGE | Out-Null
        Invoke-TestDocker push $env:STACK_AUTH_IMAGE | Out-Null
        # On the worker only: an engine that has never had the image, so it must pull it with the login.
        Set-Content "$dir/auth.yml" "services:`n  one:`n    image: `${STACK_AUTH_IMAGE}`n    command: sleep 3600`n    deploy:`n      placement: { constraints: [node.role == worker] }`n      labels: { psdocker.test: stacks }`n"
    }

    AfterAll {
        Invoke-TestDockerUnchecked logout $authRegistry.Address | Out-Null
        Invoke-TestDockerUnchecked rmi $env:STACK_AUTH_IMAGE | Out-Null
        Stop-TestRegistry $authRegistry
        Remove-Item env:STACK_AUTH_IMAGE -ErrorAction Ignore
        Remove-Item $authFolder -Recurse -Force -ErrorAction Ignore
    }

    It 'sends the stored login, so the digest is looked up and the worker pulls from a registry that asks for a login' {
        $name = New-StackName
        Deploy-DockerStack $name "$dir/auth.yml" -WithRegistryAuth -DockerHost $m -WarningVariable warned -WarningAction SilentlyContinue | Out-Null
        @($warned).Count | Should -Be 0
        (Invoke-Manager service inspect "${name}_one" | ConvertFrom-Json).Spec.TaskTemplate.ContainerSpec.Image | Should -BeLike "$env:STACK_AUTH_IMAGE@sha256:*"
        Wait-Until { (Invoke-Manager service ps "${name}_one" --format '{{.CurrentState}}' | Select-Object -First 1) -like 'Running*' } 60 'The task running on the worker'
        Remove-DockerStack $name -DockerHost $m -Confirm:$false
    }

    It 'without it, the lookup has no login: a warning, and the tag as written' {
        $name = New-StackName
        Deploy-DockerStack $name "$dir/auth.yml" -DockerHost $m -WarningVariable warned -WarningAction SilentlyContinue | Out-Null
        "$warned" | Should -Match ([regex]::Escape($env:STACK_AUTH_IMAGE) + ' could not be looked up')
        (Invoke-Manager service inspect "${name}_one" | ConvertFrom-Json).Spec.TaskTemplate.ContainerSpec.Image | Should -Be $env:STACK_AUTH_IMAGE
        Remove-DockerStack $name -DockerHost $m -Confirm:$false
    }
}

Describe 'Deploy-DockerStack refuses what it cannot deploy, before anything is made' {
    It '-WhatIf makes nothing and returns nothing' {
        $name = New-StackName
        Deploy-DockerStack -Name $name -Path "$dir/stack.yml" -DockerHost $m -WhatIf | Should -BeNullOrEmpty
        Get-Labelled service $name | Should -BeNullOrEmpty
        Get-Labelled network $name | Should -BeNullOrEmpty
        Get-Labelled secret $name | Should -BeNullOrEmpty
    }

    It 'an unknown key is ComposeUnsupportedKey naming the key, the file and its line' {
        { Deploy-DockerStack -Name (New-StackName) -Path "$dir/unsupported.yml" -DockerHost $m } | Should -Throw -ErrorId 'ComposeUnsupportedKey,PSDocker.Commands.Swarm.DeployDockerStackCommand' -PassThru -OutVariable thrown | Out-Null
        $thrown[0].Exception.Message | Should -Match ([regex]::Escape("$dir/unsupported.yml line 6: 'services.app.deploy.frobnicate'"))
        $thrown[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $thrown[0].TargetObject | Should -Be "$dir/unsupported.yml"
    }

    It 'a key the CLI ignores is a warning with its line; the unknown one after it still stops the deploy' {
        { Deploy-DockerStack -Name (New-StackName) -Path "$dir/ignored.yml" -DockerHost $m -WarningVariable warned -WarningAction SilentlyContinue } | Should -Throw -ErrorId 'ComposeUnsupportedKey,*'
        # The error comes first: warnings are written only for files that load.
        $name = New-StackName
        Set-Content "$dir/warn.yml" "services:`n  app:`n    image: `${STACK_TEST_IMAGE}`n    command: sleep 3600`n    build: .`n    container_name: x`n    deploy:`n      labels: { psdocker.test: stacks }`n"
        $stack = Deploy-DockerStack -Name $name -Path "$dir/warn.yml" -DockerHost $m -WarningVariable warned -WarningAction SilentlyContinue
        $stack.Services | Should -Be 1
        @($warned).Count | Should -Be 2
        "$($warned[0])" | Should -Match "services\.app\.build \(.*warn\.yml line 5\)"
        "$($warned[1])" | Should -Match "services\.app\.container_name \(.*warn\.yml line 6\)"
        Remove-DockerStack $name -DockerHost $m -Confirm:$false
    }

    It 'a variable required with :? that is not set is ComposeVariableRequired naming it' {
        { Deploy-DockerStack -Name (New-StackName) -Path "$dir/required.yml" -DockerHost $m } | Should -Throw -ErrorId 'ComposeVariableRequired,*' -PassThru -OutVariable thrown | Out-Null
        $thrown[0].Exception.Message | Should -Match 'line 3: .*STACK_NOT_SET.*give the image'
        $thrown[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $thrown[0].TargetObject | Should -Be 'STACK_NOT_SET'
    }

    It 'a service that uses a secret the file does not define is ComposeUndefinedReference naming the line' {
        Set-Content "$dir/undefined.yml" "services:`n  app:`n    image: x`n    secrets: [nope]`n"
        { Deploy-DockerStack -Name (New-StackName) -Path "$dir/undefined.yml" -DockerHost $m } | Should -Throw -ErrorId 'ComposeUndefinedReference,*' -PassThru -OutVariable thrown | Out-Null
        $thrown[0].Exception.Message | Should -Match "undefined\.yml line 4: .*'nope'"
        $thrown[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'several -Path files merge, the later overriding the earlier' {
        $name = New-StackName
        Set-Content "$dir/override.yml" "services:`n  one:`n    deploy:`n      replicas: 0`n      labels: { tier: override }`n"
        (Deploy-DockerStack -Name $name -Path "$dir/cli.yml", "$dir/override.yml" -DockerHost $m).Services | Should -Be 1
        $one = Invoke-Manager service inspect "${name}_one" | ConvertFrom-Json
        $one.Spec.Mode.Replicated.Replicas | Should -Be 0
        $one.Spec.Labels.tier | Should -Be 'override'
        $one.Spec.Labels.'psdocker.test' | Should -Be 'stacks'
        Remove-DockerStack $name -DockerHost $m -Confirm:$false
    }

    It 'a missing file is ComposeFileNotFound naming it as typed' {
        { Deploy-DockerStack -Name (New-StackName) -Path './no-such-stack.yml' -DockerHost $m } | Should -Throw -ErrorId 'ComposeFileNotFound,*' -PassThru -OutVariable thrown | Out-Null
        $thrown[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $thrown[0].TargetObject | Should -Be './no-such-stack.yml'
    }

    It 'a worker is SwarmNotManager, an engine in no swarm SwarmNotActive, and nothing is made' {
        $name = New-StackName
        { Deploy-DockerStack -Name $name -Path "$dir/stack.yml" -DockerHost $swarm.WorkerHost } | Should -Throw -ErrorId 'SwarmNotManager,*' -PassThru -OutVariable thrown | Out-Null
        $thrown[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        { Deploy-DockerStack -Name $name -Path "$dir/stack.yml" -DockerHost $env:PSDOCKER_PESTER_HOST } | Should -Throw -ErrorId 'SwarmNotActive,*'
        { Get-DockerStack -DockerHost $swarm.WorkerHost } | Should -Throw -ErrorId 'SwarmNotManager,*'
        Get-Labelled service $name | Should -BeNullOrEmpty
    }

    It 'a secret whose file changed is StackSecretChanged, as docker stack deploy refuses it' {
        $name = New-StackName
        Set-Content "$dir/secret.txt" 'one' -NoNewline
        Set-Content "$dir/secret.yml" "services:`n  app:`n    image: `${STACK_TEST_IMAGE}`n    command: sleep 3600`n    secrets: [s]`n    deploy:`n      labels: { psdocker.test: stacks }`nsecrets:`n  s:`n    file: ./secret.txt`n"
        Deploy-DockerStack -Name $name -Path "$dir/secret.yml" -DockerHost $m | Out-Null
        Deploy-DockerStack -Name $name -Path "$dir/secret.yml" -DockerHost $m | Out-Null
        Set-Content "$dir/secret.txt" 'two' -NoNewline
        { Deploy-DockerStack -Name $name -Path "$dir/secret.yml" -DockerHost $m } | Should -Throw -ErrorId 'StackSecretChanged,*' -PassThru -OutVariable thrown | Out-Null
        $thrown[0].TargetObject | Should -Be "${name}_s"
        Remove-DockerStack $name -DockerHost $m -Confirm:$false
    }
}
