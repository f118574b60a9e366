#!/usr/bin/env python3
"""The Kubernetes manifests against the images as built: every image, port, probe path, user and
image-set environment variable that k8s/base uses must be one the built image really has. Reads the
images with `podman image inspect` and asks the probe paths of the running compose containers (the
images have no curl: bash /dev/tcp, as their own health checks do). Usage: k8s_images.py < rendered
manifests (kubectl kustomize k8s/base). Environment names that bind to Spring properties are checked
offline against the jars these images were built from (deployment's KubernetesWiringTest); checks.sh
shows that the image's application layer is that jar's."""
import json, subprocess, sys, yaml

PORT_VARIABLES = ("SERVER_PORT", "MANAGEMENT_SERVER_PORT")
PROBE = ("exec 3<>/dev/tcp/127.0.0.1/{port} && printf 'GET {path} HTTP/1.0\\r\\n\\r\\n' >&3"
         " && read -r _ code _ <&3 && echo $code")


def podman(*args):
    return subprocess.run(["podman", *args], check=True, capture_output=True, text=True).stdout


def containers(docs):
    for doc in docs:
        if doc and doc.get("kind") in ("Deployment", "StatefulSet"):
            pod = doc["spec"]["template"]["spec"]
            for container in pod["containers"]:
                if container["image"].startswith("imagesearch/"):
                    yield pod, container


def check(pod, container):
    repository = container["image"].split(":")[0]
    service = repository.split("/")[1]
    config = json.loads(podman("image", "inspect", f"localhost/{repository}:latest"))[0]["Config"]
    problems = []
    exposed = {int(p.split("/")[0]) for p in config.get("ExposedPorts", {})}
    ports = {p["name"]: p["containerPort"] for p in container.get("ports", [])}
    problems += [f"port {p} is not exposed by the image ({exposed})"
                 for p in ports.values() if p not in exposed]
    image_env = dict(e.split("=", 1) for e in config.get("Env", []))
    for env in container.get("env", []):
        if env["name"] in PORT_VARIABLES and int(env["value"]) not in exposed:
            problems.append(f"{env['name']} {env['value']} is not one of the image's ports {exposed}")
        if env["name"] in image_env and env["name"] not in PORT_VARIABLES + ("JAVA_TOOL_OPTIONS",):
            problems.append(f"{env['name']} overrides an image variable nobody reviewed")
    user = (pod.get("securityContext", {}) | container.get("securityContext", {})).get("runAsUser")
    if user is not None and config.get("User", "").split(":")[0] != str(user):
        problems.append(f"runAsUser {user} but the image's USER is {config.get('User')!r}")
    running = podman("ps", "-q", "--filter", f"label=com.docker.compose.service={service}").split()
    for kind in ("startupProbe", "livenessProbe", "readinessProbe"):
        get = container.get(kind, {}).get("httpGet")
        if get and not running:
            problems.append(f"no running {service} container to ask {get['path']}")
        elif get:
            port = ports.get(get["port"], get["port"])
            probe = subprocess.run(
                ["podman", "exec", running[0], "bash", "-c", PROBE.format(port=port, path=get["path"])],
                capture_output=True, text=True)
            if probe.stdout.strip() != "200":
                answer = probe.stdout.strip() or probe.stderr.strip()
                problems.append(f"{kind} GET {get['path']} on {port} answered {answer!r}")
    return service, problems


def main():
    failed = False
    for pod, container in containers(yaml.safe_load_all(sys.stdin)):
        service, problems = check(pod, container)
        print(f"  {service}: {'ok' if not problems else '; '.join(problems)}")
        failed |= bool(problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
