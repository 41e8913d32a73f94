#!/usr/bin/env bash
# Does what docs/java.md tells a newcomer, from an empty local Maven repository: installs
# the Nabla reactor into it, checks the installed jars (sources, Javadoc, module name), then
# builds examples/newcomer/ against it and runs its two programs as the guide runs them,
# checking that they learn and use the vector kernels.
#
# Nothing is downloaded: a temporary settings.xml mirrors every repository to
# ~/.m2/repository as a file:// URL (read, never written), so whatever the guide's steps
# need must already be there (`mvn -B verify` of the reactor fetches most of it). `-o` would
# not do: an empty local repository has nothing to be offline with. When run as root the
# builds run in a network namespace of their own, so any attempt to reach the network fails;
# in any case the log must show downloads from the mirror only. The maven-toolchains-plugin
# still finds the JDK 25 on its own, as for any user.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
minimum_accuracy=0.85   # chance is 0.10; the guide trains 5 epochs

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repository="$work/repository"
log="$work/maven.log"
cat >"$work/settings.xml" <<EOF
<settings>
  <mirrors>
    <mirror>
      <id>home-repository</id>
      <mirrorOf>*</mirrorOf>
      <url>file://$HOME/.m2/repository</url>
    </mirror>
  </mirrors>
</settings>
EOF

isolated=()
if ((EUID == 0)) && unshare --net true 2>/dev/null; then
    isolated=(unshare --net)
fi

# maven DESCRIPTION ARGUMENTS...: runs mvn offline-by-mirror into the temporary repository.
maven() {
    local description=$1 started=$SECONDS
    shift
    if ! "${isolated[@]}" mvn -B -s "$work/settings.xml" -Dmaven.repo.local="$repository" "$@" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        echo "newcomer: 'mvn $*' failed. If an artifact is missing from ~/.m2/repository, fetch it once with" \
             "the network: mvn -B verify (the reactor's), mvn -N org.codehaus.mojo:exec-maven-plugin:3.5.0:help" \
             "(the newcomer's exec plugin), as .ci/run does" >&2
        exit 1
    fi
    echo "newcomer: $description ($((SECONDS - started)) s)"
    if grep -E '(Downloading|Downloaded) from' "$log" | grep -v 'from home-repository: file://' >&2; then
        echo "newcomer: Maven reached for a repository other than the file:// mirror" >&2
        exit 1
    fi
}

# Step 1 of the guide: the whole reactor with its parent pom, tests skipped.
maven "installed the Nabla reactor" -f "$root/pom.xml" install -Dmaven.test.skip=true
for module in core tabular cli; do
    jar_base="$repository/dev/nabla/nabla-$module/0.1.0-SNAPSHOT/nabla-$module-0.1.0-SNAPSHOT"
    for classifier in "" -sources -javadoc; do
        if [[ ! -s "$jar_base$classifier.jar" ]]; then
            echo "newcomer: nabla-$module$classifier.jar was not installed" >&2
            exit 1
        fi
    done
    # What the JDK itself derives from the manifest when the jar is on the module path.
    if ! jar --describe-module --file "$jar_base.jar" | grep -q "^dev\.nabla\.$module@0\.1\.0-SNAPSHOT automatic"; then
        echo "newcomer: nabla-$module's jar lacks Automatic-Module-Name: dev.nabla.$module" >&2
        exit 1
    fi
done
if [[ ! -s "$repository/dev/nabla/nabla-parent/0.1.0-SNAPSHOT/nabla-parent-0.1.0-SNAPSHOT.pom" ]]; then
    echo "newcomer: the parent pom was not installed" >&2
    exit 1
fi

# Step 2: the newcomer's project, its test (the Surefire argLine) and its two programs
# (exec:exec after a phase, so that the toolchains plugin has picked the JDK 25), in one build.
rm -rf "$root/examples/newcomer/target"
maven "built, tested and ran the newcomer project" -f "$root/examples/newcomer/pom.xml" test exec:exec@keras exec:exec@pytorch
if ! grep -q 'Tests run: 1, Failures: 0' "$log"; then
    echo "newcomer: the newcomer project's test did not run" >&2
    exit 1
fi
for program in keras pytorch; do
    # The program's output: from its exec-maven-plugin header to Maven's next section.
    output="$(awk -v id="($program)" 'index($0, "exec-maven-plugin") && index($0, id) { on = 1; next }
                                      /^\[INFO\] (---|BUILD)/ { on = 0 } on' "$log")"
    grep -E '^(kernels|test accuracy)' <<<"$output" | sed "s/^/$program: /"
    if ! grep -q '^kernels: vector' <<<"$output"; then
        echo "newcomer: the $program program did not run on the vector kernels" >&2
        exit 1
    fi
    accuracy="$(grep -oE '^test accuracy [0-9.]+' <<<"$output" | grep -oE '[0-9.]+$' || true)"
    if [[ -z "$accuracy" ]] || ! awk -v a="$accuracy" -v m="$minimum_accuracy" 'BEGIN { exit !(a >= m) }'; then
        tail -n 20 <<<"$output" >&2
        echo "newcomer: the $program program's test accuracy '${accuracy}' is not at least $minimum_accuracy" >&2
        exit 1
    fi
done
echo "newcomer: ok (network ${isolated[*]:+isolated by unshare, }mirror only)"
