-- POST /api/v1/flows/ with one name, so every request takes the renaming path.
wrk.method = "POST"
wrk.body = '{"name":"bench-create","data":{"nodes":[],"edges":[]}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
