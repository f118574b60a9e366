# The S3 store that the local stack runs (S3Proxy over the filesystem, from Maven Central), standing
# in for MinIO on machines that cannot pull it. Build context: target/containers/servers, staged by
# tools/containers/build-images.sh.
ARG JRE_IMAGE=localhost/imagesearch/jre:25
FROM ${JRE_IMAGE}
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /home/app --create-home app \
 && mkdir /data && chown 10001:10001 /data
COPY s3proxy.jar /opt/s3proxy/s3proxy.jar
COPY s3proxy-start.sh /opt/s3proxy/
USER 10001:10001
EXPOSE 9000
ENTRYPOINT ["/opt/s3proxy/s3proxy-start.sh"]
CMD ["/data"]
