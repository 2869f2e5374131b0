# ssh://user@host[:port] engines, as the docker CLI reaches them: a real sshd on 127.0.0.1 (keys made for the
# run; its sessions get DOCKER_HOST of the test engine), the system ssh client running `docker system
# dial-stdio` there. PSDOCKER_SSH_COMMAND points ssh at the run's own config, so ~/.ssh is never read or written.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $folder = (New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP (New-TestName 'ssh'))).FullName
    $sshd = Start-TestSshd -DockerHost $env:DOCKER_HOST -Folder "$folder/sshd"
    $savedCommand = $env:PSDOCKER_SSH_COMMAND
    $savedConfig = $env:DOCKER_CONFIG
    $env:PSDOCKER_SSH_COMMAND = $sshd.SshCommand
    $sshHost = "ssh://root@127.0.0.1:$($sshd.Port)"

    function Get-Logins { @(Get-Content $sshd.Log | Where-Object { $_ -match 'Accepted publickey for root' }).Count }

    function Get-FreshError([string] $Command, [hashtable] $Environment = @{}) {
        <# Runs one command in a new pwsh (no session cached) and returns its error as id|category|target. #>
        $script = "try { $Command -ErrorAction Stop | Out-Null; 'no error' } catch { `$_.FullyQualifiedErrorId + '|' + `$_.CategoryInfo.Category + '|' + `$_.TargetObject + '|' + `$_.Exception.Message }"
        (Invoke-FreshPwsh -Command $script -Environment $Environment | Select-Object -Last 1)
    }
}

AfterAll {
    $env:PSDOCKER_SSH_COMMAND = $savedCommand
    $env:DOCKER_CONFIG = $savedConfig
    Stop-TestSshd $sshd
    Remove-TestObject
}

Describe 'An engine over ssh://' {
    It 'answers through -DockerHost: the same engine as the test engine, objects that carry the ssh host, pipes that act there' {
        $version = Get-DockerVersion -DockerHost $sshHost
        $version.DockerHost | Should -Be $sshHost
        $version.Version | Should -Be (Invoke-TestDocker version --format '{{.Server.Version}}')

        $name = New-TestName 'sshc'
        Invoke-TestDocker create --label psdocker.test=ssh --name $name $image | Out-Null
        $found = Get-DockerContainer -All -Name $name -DockerHost $sshHost
        $found.Name | Should -Be $name
        $found.DockerHost | Should -Be $sshHost
        $found | Remove-DockerContainer
        Invoke-TestDocker ps -aq --filter "name=^$name$" | Should -BeNullOrEmpty
    }

    It 'runs a container with its output streamed back (an attached connection over ssh)' {
        Invoke-DockerContainer $image sh -c 'echo over-ssh; echo on-stderr >&2' -Remove -DockerHost $sshHost -Label @{ 'psdocker.test' = 'ssh' } 2>$null |
            Should -Be 'over-ssh'
    }

    It 'is reached through DOCKER_HOST and through a context that names it, as the CLI''s contexts do' {
        $env:DOCKER_CONFIG = (New-Item -ItemType Directory -Path (Join-Path $folder (New-TestName 'cfg'))).FullName
        $saved = $env:DOCKER_HOST
        try {
            New-DockerContext over-ssh -DockerHost $sshHost | Out-Null
            & docker context inspect over-ssh --format '{{.Endpoints.docker.Host}}' | Should -Be $sshHost
            $env:DOCKER_HOST = 'unix:///tmp/psdt-not-this-one.sock'
            (Get-DockerInfo -Context over-ssh).Context | Should -Be 'over-ssh'
            $env:DOCKER_HOST = $sshHost
            (Get-DockerVersion).DockerHost | Should -Be $sshHost
        }
        finally {
            $env:DOCKER_HOST = $saved
            $env:DOCKER_CONFIG = $savedConfig
        }
    }

    It 'logs in once for a session: one ssh connection serves call after call' {
        $before = Get-Logins
        $output = Invoke-FreshPwsh -Command "1..15 | ForEach-Object { `$null = Get-DockerContainer -All -DockerHost '$sshHost' }; (Get-DockerVersion -DockerHost '$sshHost').Version"
        $output | Select-Object -Last 1 | Should -Be (Invoke-TestDocker version --format '{{.Server.Version}}')
        (Get-Logins) - $before | Should -Be 1
    }
}

Describe 'ssh failures are typed, with what ssh said' {
    It 'a host key ssh does not know is DockerSshHostKeyRefused (SecurityError)' {
        Set-Content "$folder/empty_known_hosts" ''
        Set-Content "$folder/ssh_config_unknown_host" @('Host *', "  IdentityFile $($sshd.Folder)/client_key", "  UserKnownHostsFile $folder/empty_known_hosts", '  StrictHostKeyChecking yes')
        $id, $category, $target, $message = (Get-FreshError "Get-DockerVersion -DockerHost '$sshHost'" @{ PSDOCKER_SSH_COMMAND = "ssh -F $folder/ssh_config_unknown_host" }) -split '\|', 4
        $id | Should -BeLike 'DockerSshHostKeyRefused,*'
        $category | Should -Be 'SecurityError'
        $target | Should -Be $sshHost
        $message | Should -BeLike '*Host key verification failed*known_hosts*'
    }

    It 'a login the host refuses is DockerSshAuthenticationFailed (AuthenticationError)' {
        & ssh-keygen -q -t ed25519 -N '' -f "$folder/stranger_key" | Out-Null
        Set-Content "$folder/ssh_config_stranger" @('Host *', "  IdentityFile $folder/stranger_key", "  UserKnownHostsFile $($sshd.Folder)/known_hosts", '  IdentitiesOnly yes')
        $id, $category, $target, $message = (Get-FreshError "Get-DockerVersion -DockerHost '$sshHost'" @{ PSDOCKER_SSH_COMMAND = "ssh -F $folder/ssh_config_stranger" }) -split '\|', 4
        $id | Should -BeLike 'DockerSshAuthenticationFailed,*'
        $category | Should -Be 'AuthenticationError'
        $target | Should -Be $sshHost
        $message | Should -BeLike '*Permission denied*'
    }

    It 'no ssh client is DockerSshNotFound (ObjectNotFound), and nothing is started' {
        $id, $category, $target, $message = (Get-FreshError "Get-DockerVersion -DockerHost '$sshHost'" @{ PSDOCKER_SSH_COMMAND = '/nonexistent/bin/ssh' }) -split '\|', 4
        $id | Should -BeLike 'DockerSshNotFound,*'
        $category | Should -Be 'ObjectNotFound'
        $message | Should -BeLike '*PSDOCKER_SSH_COMMAND*'
    }

    It 'an ssh:// address with a path or a password is DockerHostInvalid' {
        foreach ($bad in "ssh://root@127.0.0.1:$($sshd.Port)/var/run/docker.sock", 'ssh://root:secret@127.0.0.1', 'ssh://') {
            { Get-DockerVersion -DockerHost $bad -ErrorAction Stop } | Should -Throw -ErrorId 'DockerHostInvalid*'
        }
    }
}
